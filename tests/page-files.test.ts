/**
 * The pages' files are read at start: a server keeps serving GraphiQL, the console and /docs after
 * the folders they came from are deleted, and one started without them answers a plain 503 (no
 * path, no stack) while the API still works.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const HTML = { accept: "text/html" };

/** A path or a stack frame in a body: what no answer may show. */
const LEAK = /node_modules|\/tmp\/|\/work\/|\n\s+at /;

describe("the pages' files", () => {
  describe("copied, then deleted under a running server", () => {
    let server: TestServer;
    let copies: string;
    beforeAll(async () => {
      const installed = loadConfig({}).pageFiles;
      copies = await mkdtemp(join(tmpdir(), "page-files-"));
      await Promise.all([
        cp(installed.graphiqlDir, join(copies, "graphiql"), { recursive: true }),
        cp(installed.consoleDir, join(copies, "console"), { recursive: true }),
        cp(installed.swaggerUiDir, join(copies, "swagger-ui"), { recursive: true }),
      ]);
      server = await startTestServer({
        AUTH: "off",
        GRAPHIQL_DIR: join(copies, "graphiql"),
        CONSOLE_DIR: join(copies, "console"),
        SWAGGER_UI_DIR: join(copies, "swagger-ui"),
      });
      await rm(copies, { recursive: true, force: true });
    });
    afterAll(async () => {
      await server?.stop();
      await rm(copies, { recursive: true, force: true });
    });

    it("still serves GraphiQL's page and every file it names", async () => {
      const page = await fetch(server.url, { headers: HTML });
      expect(page.status).toBe(200);
      const html = await page.text();
      const files = [...html.matchAll(/(?:href|src)="(\/graphiql\/[^"]+)"/g)].map((match) => match[1] as string);
      expect(files.map((file) => file.split("/").at(-1))).toEqual(["favicon.ico", "graphiql.css", "graphiql.js"]);
      for (const file of files) {
        const response = await fetch(new URL(file, server.url));
        expect(response.status, file).toBe(200);
        expect((await response.arrayBuffer()).byteLength, file).toBeGreaterThan(0);
      }
    });

    it("still serves the console and /docs with their files", async () => {
      for (const pagePath of ["/ui/", "/docs"]) {
        const page = await fetch(new URL(pagePath, server.url));
        expect(page.status, pagePath).toBe(200);
        const html = await page.text();
        const files = [...html.matchAll(/(?:href|src)="(\/(?:ui|docs)\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
        expect(files.length, pagePath).toBeGreaterThan(0);
        for (const file of files) expect((await fetch(new URL(file as string, server.url))).status, file).toBe(200);
      }
    });
  });

  describe("missing at start", () => {
    let server: TestServer;
    beforeAll(async () => {
      const missing = join(tmpdir(), "page-files-that-are-not-there");
      server = await startTestServer({
        AUTH: "off",
        GRAPHIQL_DIR: missing,
        CONSOLE_DIR: missing,
        SWAGGER_UI_DIR: missing,
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("answers each page and its files with a plain 503 that names no path and shows no stack", async () => {
      const requests: [string, Record<string, string>][] = [
        ["/graphql", HTML],
        ["/graphiql/0123456789abcdef/graphiql.js", {}],
        ["/ui/", HTML],
        ["/ui/executions/x", HTML],
        ["/docs", HTML],
        ["/docs/assets/0123456789abcdef/swagger-ui-bundle.js", {}],
      ];
      for (const [path, headers] of requests) {
        const response = await fetch(new URL(path, server.url), { headers });
        const body = await response.text();
        expect(response.status, path).toBe(503);
        expect(response.headers.get("content-type"), path).toMatch(/^text\/plain/);
        expect(body, path).toMatch(/is not available on this server/);
        expect(body, path).not.toMatch(LEAK);
      }
    });

    it("still answers the API", async () => {
      expect(await server.request("{ health { ok } }")).toEqual({ data: { health: { ok: true } } });
      expect((await fetch(new URL("/openapi.json", server.url))).status).toBe(200);
    });
  });
});
