import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";

describe("GraphQL limits configuration", () => {
  it("has the documented defaults, the body limit derived from FILES_MAX_BYTES", () => {
    const { graphql } = loadConfig({ FILES_MAX_BYTES: "1000" });
    expect(graphql).toEqual({
      maxDocumentBytes: 100_000,
      maxTokens: 1000,
      maxAliases: 15,
      maxDepth: 10,
      maxDirectives: 50,
      maxRunsPerDocument: 3,
      maxBodyBytes: 6 * 1000 + 100_000 + 64 * 1024,
      wsMaxMessageBytes: 6 * 1000 + 100_000 + 64 * 1024,
      wsMaxSubscriptions: 20,
      wsMaxSubscriptionsPerPrincipal: 100,
      wsInitTimeoutMs: 10_000,
    });
  });

  it.each([
    [
      { GRAPHQL_MAX_RUNS_PER_DOCUMENT: "0" },
      "GRAPHQL_MAX_RUNS_PER_DOCUMENT=0 is not accepted: give a whole number from 1 to 100.",
    ],
    [{ GRAPHQL_MAX_DOCUMENT_BYTES: "big" }, "GRAPHQL_MAX_DOCUMENT_BYTES=big is not accepted"],
    [{ GRAPHQL_WS_MAX_SUBSCRIPTIONS: "-1" }, "GRAPHQL_WS_MAX_SUBSCRIPTIONS=-1 is not accepted"],
    [{ GRAPHQL_WS_MAX_MESSAGE_BYTES: "10" }, "GRAPHQL_WS_MAX_MESSAGE_BYTES=10 is not accepted"],
  ])("refuses %j, naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrowError(message);
  });
});
