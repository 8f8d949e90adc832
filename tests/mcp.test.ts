/**
 * The MCP endpoint through the SDK's own 2.x Client, in both eras of the protocol: revision
 * 2026-07-28 (stateless, no session) and 2025-11-25 (initialize and a session), over Streamable
 * HTTP on the real server and over stdio from `mcp-docker-executor mcp`, with real Docker.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/paths.js";
import { makeDataDir, startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const TOOLS = [
  "cancel_execution",
  "create_image",
  "delete_execution",
  "delete_file",
  "execute_code",
  "execute_file",
  "get_execution",
  "install_packages",
  "list_executions",
  "list_files",
  "list_images",
  "list_runtimes",
  "read_file",
  "upload_file",
];

const MODERN = "2026-07-28";
const LEGACY = "2025-11-25";

interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
}

const textOf = (result: ToolResult) => result.content.map((item) => item.text).join("\n");

/** A 2.x client on `revision`: pinned to 2026-07-28, or the 2025 initialize handshake (the SDK's default). */
const clientOn = (revision: string) =>
  new Client(
    { name: `mcp-test-${revision}`, version: "1.0.0" },
    revision === MODERN ? { versionNegotiation: { mode: { pin: MODERN } } } : {},
  );

async function connectOverHttp(server: TestServer, revision: string, key?: string): Promise<Client> {
  const client = clientOn(revision);
  const transport = new StreamableHTTPClientTransport(new URL("/mcp", server.url), {
    requestInit: { headers: server.authHeaders(key) },
  });
  await client.connect(transport);
  return client;
}

/** A bare 2025-era initialize POST, for what a client library would not show: the HTTP status. */
function initializeByHand(server: TestServer, headers: Record<string, string>): Promise<Response> {
  return fetch(new URL("/mcp", server.url), {
    method: "POST",
    headers: { ...headers, "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: LEGACY, capabilities: {}, clientInfo: { name: "by-hand", version: "1" } },
    }),
  });
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}

async function helloWorld(client: Client): Promise<void> {
  const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
  expect(names).toEqual(TOOLS);
  const result = await call(client, "execute_code", { language: "python", code: "print('Hello from MCP!')" });
  expect(result.isError).toBeFalsy();
  expect(textOf(result)).toContain("Hello");
  expect(result.structuredContent).toMatchObject({
    status: "SUCCEEDED",
    stdout: "Hello from MCP!\n",
    exitCode: 0,
    usage: { peakMemoryBytes: expect.any(Number), cpuTimeMs: expect.any(Number), maxPids: expect.any(Number) },
  });
}

describe("MCP over Streamable HTTP", () => {
  let server: TestServer;
  const clients = new Map<string, Client>();
  const on = (revision: string) => clients.get(revision) as Client;

  beforeAll(async () => {
    server = await startTestServer();
    for (const revision of [MODERN, LEGACY]) clients.set(revision, await connectOverHttp(server, revision));
  });
  afterAll(async () => {
    for (const client of clients.values()) await client.close();
    await server?.stop();
  });

  it("speaks 2026-07-28 without a session to a pinned client, and 2025-11-25 with one to a default client", () => {
    expect(on(MODERN).getProtocolEra()).toBe("modern");
    expect(on(MODERN).getNegotiatedProtocolVersion()).toBe(MODERN);
    expect(on(LEGACY).getProtocolEra()).toBe("legacy");
    expect(on(LEGACY).getNegotiatedProtocolVersion()).toBe(LEGACY);
  });

  for (const revision of [MODERN, LEGACY]) {
    describe(`on ${revision}`, () => {
      it("lists every tool and runs Python hello world", async () => {
        await helloWorld(on(revision));
      });

      it("sends output as progress during a 2 s program, before the result", async () => {
        const progress: { at: number; message?: string }[] = [];
        const started = performance.now();
        const result = (await on(revision).callTool(
          {
            name: "execute_code",
            arguments: {
              language: "python",
              code: "import time\nfor i in range(4):\n    print('line', i, flush=True)\n    time.sleep(0.5)",
            },
          },
          { onprogress: (update) => progress.push({ at: performance.now(), message: update.message }) },
        )) as ToolResult;
        const resultAt = performance.now();
        expect(result.structuredContent?.status).toBe("SUCCEEDED");
        expect(resultAt - started).toBeGreaterThan(1900);
        // Python's print writes its pieces one by one ("line", " ", "0", "\n"), so a line may come in
        // several chunks: the output is checked as text, and its first piece must come a second before the result.
        const output = progress.filter((item) => !item.message?.startsWith("status: "));
        expect(output.map((item) => item.message).join("")).toBe("line 0\nline 1\nline 2\nline 3\n");
        expect(output[0]?.at).toBeLessThan(resultAt - 1000);
      });

      it("cancels the run when the call is cancelled", async () => {
        const controller = new AbortController();
        let running = false;
        const pending = on(revision).callTool(
          { name: "execute_code", arguments: { language: "bash", code: "echo started; sleep 60" } },
          {
            signal: controller.signal,
            onprogress: (update) => {
              if (update.message === "started\n") running = true;
            },
          },
        );
        const settled = pending.then(
          () => "answered",
          () => "rejected",
        );
        await waitFor(() => running, { timeoutMs: 30_000, what: "the program to start" });
        controller.abort("the test cancels");
        expect(await settled).toBe("rejected");
        const latest = async () => {
          const { data } = await server.request<{ executions: { edges: { node: { status: string } }[] } }>(
            "{ executions(first: 1) { edges { node { status } } } }",
          );
          return data?.executions.edges[0]?.node.status;
        };
        await waitFor(async () => (await latest()) === "CANCELLED", {
          timeoutMs: 10_000,
          what: "the run to end CANCELLED",
        });
      });

      it("refuses an unknown argument by name with BAD_USER_INPUT, listing the accepted ones", async () => {
        const result = await call(on(revision), "execute_code", {
          language: "python",
          code: "print(1)",
          timeout_seconds: 300,
        });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(
          /^BAD_USER_INPUT: execute_code takes no argument timeout_seconds; it accepts language, code, .*timeoutMs/,
        );
      });

      it("starts every tool error with its code, schema errors included, and keeps serving", async () => {
        const missing = await call(on(revision), "execute_code", { language: "python" });
        expect(missing.isError).toBe(true);
        expect(textOf(missing)).toMatch(/^BAD_USER_INPUT: code: /);
        const wrongType = await call(on(revision), "list_files", { first: "ten" });
        expect(textOf(wrongType)).toMatch(/^BAD_USER_INPUT: first: /);
        const unknownLanguage = await call(on(revision), "execute_code", { language: "cobol", code: "x" });
        expect(textOf(unknownLanguage)).toMatch(/^BAD_USER_INPUT: language/);
        const negative = await call(on(revision), "execute_code", { language: "python", code: "1", timeoutMs: -5 });
        expect(textOf(negative)).toMatch(/^BAD_USER_INPUT: limits\.timeoutMs/);
        const notFound = await call(on(revision), "get_execution", { id: "no-such-id" });
        expect(textOf(notFound)).toMatch(/^NOT_FOUND/);
        const still = await call(on(revision), "execute_code", { language: "bash", code: "echo ok" });
        expect(still.structuredContent?.stdout).toBe("ok\n");
      });
    });
  }

  it("lets 15 connections in a row that never close their session all work, on one user key", async () => {
    const { key } = await server.createKey({ name: "forgetful-agent", role: "user" });
    const forgotten: Client[] = [];
    for (let i = 0; i < 15; i += 1) {
      const client = await connectOverHttp(server, LEGACY, key);
      const result = await call(client, "list_runtimes", {});
      expect(result.isError).toBeFalsy();
      // What standard clients do: no DELETE /mcp, the session stays on the server.
      forgotten.push(client);
    }
    // The cap (10) made room by closing the least recently used: the first session is gone, the last works.
    await expect(forgotten[0]?.listTools()).rejects.toThrow();
    expect((await forgotten[14]?.listTools())?.tools.length).toBe(TOOLS.length);
  });

  it("refuses a request with a foreign Origin", async () => {
    const response = await initializeByHand(server, { origin: "http://evil.example" });
    expect(response.status).toBe(403);
  });

  it("shares one service layer with GraphQL: files go both ways", async () => {
    const client = on(MODERN);
    const uploaded = await call(client, "upload_file", { name: "from-mcp.py", content: "print('from mcp')" });
    const mcpFileId = uploaded.structuredContent?.id as string;
    const { data } = await server.request<{ files: { edges: { node: { id: string; name: string } }[] } }>(
      "{ files(first: 100) { edges { node { id name } } } }",
    );
    expect(data?.files.edges.map((edge) => edge.node)).toContainEqual({ id: mcpFileId, name: "from-mcp.py" });

    const viaGraphQL = await server.request<{ uploadFile: { id: string } }>(
      'mutation { uploadFile(input: { name: "from-graphql.sh", content: "echo from graphql" }) { id } }',
    );
    const listed = await call(client, "list_files", {});
    const files = listed.structuredContent?.files as { id: string }[];
    expect(files.map((file) => file.id)).toContain(viaGraphQL.data?.uploadFile.id);
    const ran = await call(client, "execute_file", { fileId: viaGraphQL.data?.uploadFile.id });
    expect(ran.structuredContent?.stdout).toBe("from graphql\n");
  });
});

describe("MCP sessions at the cap", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ MCP_MAX_SESSIONS_PER_PRINCIPAL: "2" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a new session with 429 only while every session of the principal has a request in flight", async () => {
    const { key } = await server.createKey({ name: "busy-agent", role: "user" });
    const busy = [await connectOverHttp(server, LEGACY, key), await connectOverHttp(server, LEGACY, key)];
    let started = 0;
    const calls = busy.map((client) =>
      client.callTool(
        { name: "execute_code", arguments: { language: "bash", code: "echo started; sleep 3" } },
        {
          onprogress: (update) => {
            if (update.message === "started\n") started += 1;
          },
        },
      ),
    );
    await waitFor(() => started === 2, { timeoutMs: 30_000, what: "both programs to start" });
    const refused = await initializeByHand(server, server.authHeaders(key));
    expect(refused.status).toBe(429);
    expect(JSON.stringify(await refused.json())).toMatch(/QUOTA_EXCEEDED: .*every one has a request in flight/);
    await Promise.all(calls);
    // Now both are idle: the least recently used makes room.
    const next = await connectOverHttp(server, LEGACY, key);
    expect((await next.listTools()).tools.length).toBe(TOOLS.length);
    for (const client of [...busy, next]) await client.close();
  });
});

describe("MCP over stdio", () => {
  for (const revision of [LEGACY, MODERN]) {
    it(`lists every tool and runs Python hello world on ${revision}`, async () => {
      const dataDir = await makeDataDir();
      const client = clientOn(revision);
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [join(PROJECT_ROOT, "bin", "mcp-docker-executor.js"), "mcp"],
        env: { ...(process.env as Record<string, string>), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
        stderr: "pipe",
      });
      try {
        await client.connect(transport);
        expect(client.getNegotiatedProtocolVersion()).toBe(revision);
        await helloWorld(client);
      } finally {
        await client.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }
});
