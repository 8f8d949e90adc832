/**
 * What a malformed request gets back: graphql-js's own refusals (a variable's value, an inline
 * argument, a document's syntax) carry BAD_USER_INPUT, hint at no name of the schema, and are
 * logged at debug only, with no stack.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server.js";

describe("GraphQL request errors", () => {
  let server: TestServer;
  const logged: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ AUTH: "off" }, { log: { level: "info", write: (line) => logged.push(line) } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const refusals: [string, string, Record<string, unknown> | undefined][] = [
    [
      "a variable of the wrong shape",
      "mutation ($input: ExecuteInput!) { execute(input: $input) { id } }",
      { input: { imageId: 1, lang: "PYTHON" } },
    ],
    [
      "an enum value that does not exist",
      'mutation { execute(input: { language: PYTHN, code: "1" }) { id } }',
      undefined,
    ],
    [
      "an inline argument the input does not have",
      'mutation { execute(input: { lang: PYTHON, code: "1" }) { id } }',
      undefined,
    ],
    ["a syntax error", "mutation { execute(", undefined],
  ];

  it.each(refusals)("refuses %s with BAD_USER_INPUT, no suggestion and no stack", async (_what, query, variables) => {
    logged.length = 0;
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.text();
    const { errors } = JSON.parse(body) as { errors: { message: string; extensions?: { code?: string } }[] };
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.extensions?.code, error.message).toBe("BAD_USER_INPUT");
      expect(error.message).not.toMatch(/Did you mean/);
    }
    expect(body).not.toMatch(/\n\s+at |"stack"/);
    expect(logged.join("")).not.toMatch(/Did you mean|\n\s+at |unexpected error/);
  });

  it("names the field it refuses and its input type", async () => {
    const { errors } = await server.request("mutation ($input: ExecuteInput!) { execute(input: $input) { id } }", {
      input: { imageId: 1, lang: "PYTHON" },
    });
    const messages = errors?.map((error) => error.message).join("\n") ?? "";
    expect(messages).toMatch(/"lang" is not defined by type "ExecuteInput"/);
    expect(messages).toMatch(/"language" of required type "Language!" was not provided/);
  });
});
