/**
 * The MCP endpoint through the SDK's own Client: over Streamable HTTP on the real server and over
 * stdio from `mcp-docker-executor mcp`, with real Docker.
 */
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/paths.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

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

interface ToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
}

const textOf = (result: ToolResult) => result.content.map((item) => item.text).join("\n");

async function helloWorld(client: Client): Promise<void> {
  const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
  expect(names).toEqual(TOOLS);
  const result = (await client.callTool({
    name: "execute_code",
    arguments: { language: "python", code: "print('Hello from MCP!')" },
  })) as ToolResult;
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
  let client: Client;
  let mcpUrl: URL;

  beforeAll(async () => {
    server = await startTestServer();
    mcpUrl = new URL("/mcp", server.url);
    client = new Client({ name: "mcp-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(mcpUrl, { requestInit: { headers: server.authHeaders() } }));
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it("lists every tool and runs Python hello world", async () => {
    await helloWorld(client);
  });

  it("sends output as progress notifications before the result", async () => {
    const progress: { at: number; message?: string }[] = [];
    const result = (await client.callTool(
      {
        name: "execute_code",
        arguments: {
          language: "python",
          code: "import time\nfor i in range(5):\n    print('line', i, flush=True)\n    time.sleep(0.3)",
        },
      },
      undefined,
      { onprogress: (notification) => progress.push({ at: performance.now(), message: notification.message }) },
    )) as ToolResult;
    const resultAt = performance.now();
    expect(result.structuredContent?.status).toBe("SUCCEEDED");
    expect(progress.length).toBeGreaterThan(0);
    // Python's print writes its pieces one by one ("line", " ", "0", "\n"), so a line may come in
    // several chunks: the output is checked as text, and its first piece must precede the result.
    const output = progress.filter((item) => !item.message?.startsWith("status: "));
    expect(output.map((item) => item.message).join("")).toBe("line 0\nline 1\nline 2\nline 3\nline 4\n");
    expect(output[0]?.at).toBeLessThan(resultAt);
  });

  it("answers bad arguments with an isError result carrying the code, and keeps serving", async () => {
    const unknown = (await client.callTool({
      name: "execute_code",
      arguments: { language: "cobol", code: "x" },
    })) as ToolResult;
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/^BAD_USER_INPUT: language/);
    const negative = (await client.callTool({
      name: "execute_code",
      arguments: { language: "python", code: "print(1)", timeoutMs: -5 },
    })) as ToolResult;
    expect(negative.isError).toBe(true);
    expect(textOf(negative)).toMatch(/^BAD_USER_INPUT: limits\.timeoutMs/);
    const missing = (await client.callTool({ name: "get_execution", arguments: { id: "no-such-id" } })) as ToolResult;
    expect(textOf(missing)).toMatch(/^NOT_FOUND/);
    const still = (await client.callTool({
      name: "execute_code",
      arguments: { language: "bash", code: "echo ok" },
    })) as ToolResult;
    expect(still.structuredContent?.stdout).toBe("ok\n");
  });

  it("refuses a request with a foreign Origin", async () => {
    const response = await fetch(mcpUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        origin: "http://evil.example",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "evil", version: "1" } },
      }),
    });
    expect(response.status).toBe(403);
  });

  it("shares one service layer with GraphQL: files go both ways", async () => {
    const uploaded = (await client.callTool({
      name: "upload_file",
      arguments: { name: "from-mcp.py", content: "print('from mcp')" },
    })) as ToolResult;
    const mcpFileId = uploaded.structuredContent?.id as string;
    const { data } = await server.request<{ files: { edges: { node: { id: string; name: string } }[] } }>(
      "{ files(first: 100) { edges { node { id name } } } }",
    );
    expect(data?.files.edges.map((edge) => edge.node)).toContainEqual({ id: mcpFileId, name: "from-mcp.py" });

    const viaGraphQL = await server.request<{ uploadFile: { id: string } }>(
      'mutation { uploadFile(input: { name: "from-graphql.sh", content: "echo from graphql" }) { id } }',
    );
    const listed = (await client.callTool({ name: "list_files", arguments: {} })) as ToolResult;
    const files = listed.structuredContent?.files as { id: string }[];
    expect(files.map((file) => file.id)).toContain(viaGraphQL.data?.uploadFile.id);
    const ran = (await client.callTool({
      name: "execute_file",
      arguments: { fileId: viaGraphQL.data?.uploadFile.id },
    })) as ToolResult;
    expect(ran.structuredContent?.stdout).toBe("from graphql\n");
  });
});

describe("MCP over stdio", () => {
  it("lists every tool and runs Python hello world", async () => {
    const { makeDataDir } = await import("./support/test-server.js");
    const { rm } = await import("node:fs/promises");
    const dataDir = await makeDataDir();
    const client = new Client({ name: "mcp-stdio-test", version: "1.0.0" });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(PROJECT_ROOT, "bin", "mcp-docker-executor.js"), "mcp"],
      env: { ...(process.env as Record<string, string>), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
      stderr: "pipe",
    });
    try {
      await client.connect(transport);
      await helloWorld(client);
    } finally {
      await client.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
