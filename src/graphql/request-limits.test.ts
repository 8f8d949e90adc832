import type { DocumentNode } from "graphql";
import { createYoga } from "graphql-yoga";
import { LRUCache } from "lru-cache";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { languageCatalog } from "../languages/catalog.js";
import { createSchema } from "../schema/index.js";
import { requestLimits } from "./request-limits.js";

/** Yoga with the request limits, and parse caches the test can look into. */
function yogaWithCaches() {
  const documentCache = new LRUCache<string, DocumentNode>({ max: 100 });
  const errorCache = new LRUCache<string, Error>({ max: 100 });
  const yoga = createYoga({
    schema: createSchema(languageCatalog()),
    ...requestLimits(loadConfig({}).graphql),
    parserAndValidationCache: { documentCache, errorCache },
  });
  const post = async (query: string) => {
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  };
  return { documentCache, errorCache, post };
}

describe("request limits in Yoga", () => {
  it("refuses an oversized document before parsing: it enters neither parse cache", async () => {
    const { documentCache, errorCache, post } = yogaWithCaches();
    const result = await post(`{ ${"a: __typename ".repeat(10_000)}}`);
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: "LIMIT_EXCEEDED" },
      message: expect.stringContaining("GRAPHQL_MAX_DOCUMENT_BYTES"),
    });
    expect(documentCache.size + errorCache.size).toBe(0);
  });

  it("caches an accepted document, and a document over the token limit only as an error", async () => {
    const { documentCache, errorCache, post } = yogaWithCaches();
    expect(await post("{ __typename }")).toEqual({ data: { __typename: "Query" } });
    expect(documentCache.size).toBe(1);
    const tokens = await post(`{ ${"__typename ".repeat(2000)}}`);
    expect(tokens.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    expect(errorCache.size).toBe(1);
  });
});
