/**
 * One process per data folder, with real servers and Docker: a second server on a held folder is
 * refused while the first keeps serving, `mcp` over stdio relays to the server holding the folder,
 * and the folder is free again once its server stops.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/paths.js";
import { DataDirHeldError, readOwner } from "../src/store/data-dir-lock.js";
import { waitForExecution } from "./support/graphql-helpers.js";
import { makeDataDir, startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const EXECUTE = "mutation ($input: ExecuteInput!) { execute(input: $input) { id status stdout } }";
const EXECUTION = "query ($id: ID!) { execution(id: $id) { id status stdout } }";

interface ExecutionView {
  id: string;
  status: string;
  stdout: string;
}

interface ToolResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
}

async function expectServing(server: TestServer): Promise<void> {
  const health = await server.request<{ health: { ok: boolean } }>("{ health { ok } }");
  expect(health.data?.health.ok).toBe(true);
  const ran = await server.request<{ execute: ExecutionView }>(EXECUTE, {
    input: { language: "PYTHON", code: "print(1 + 1)" },
  });
  expect(ran.data?.execute).toMatchObject({ status: "SUCCEEDED", stdout: "2\n" });
}

describe("one process per data folder", () => {
  let dataDir: string;
  let first: TestServer | undefined;
  let second: TestServer | undefined;
  let client: Client | undefined;
  let stdioLog = "";

  beforeAll(async () => {
    dataDir = await makeDataDir();
    first = await startTestServer({}, { dataDir });
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await first?.stop();
    await second?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("refuses a second server on the folder, naming it and the holder's pid; the first keeps serving", async () => {
    // A run is live while the second server tries: it must come through untouched.
    const live = await (first as TestServer).request<{ execute: ExecutionView }>(EXECUTE, {
      input: { language: "BASH", code: "echo begun; sleep 3; echo done", wait: false },
    });
    const liveId = live.data?.execute.id as string;
    await waitFor(
      async () =>
        (await (first as TestServer).request<{ execution: ExecutionView }>(EXECUTION, { id: liveId })).data?.execution
          .status === "RUNNING",
      { timeoutMs: 20_000, what: "the live run to start" },
    );
    const refused = await startTestServer({}, { dataDir }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DataDirHeldError);
    expect((refused as Error).message).toBe(
      `DATA_DIR ${dataDir} is held by another mcp-docker-executor process (pid ${process.pid}); ` +
        "stop it or give this server its own DATA_DIR.",
    );
    await expectServing(first as TestServer);
    const ended = await waitForExecution(first as TestServer, liveId, 20_000);
    expect(ended).toMatchObject({ status: "SUCCEEDED", stdout: "begun\ndone\n" });
  }, 60_000);

  it("relays `mcp` over stdio to the running server: one store, one lock holder", async () => {
    const server = first as TestServer;
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(PROJECT_ROOT, "bin", "mcp-docker-executor.js"), "mcp"],
      env: { ...(process.env as Record<string, string>), DATA_DIR: dataDir, LOG_LEVEL: "info" },
      stderr: "pipe",
    });
    transport.stderr?.on("data", (chunk) => (stdioLog += chunk));
    client = new Client({ name: "mcp-lock-test", version: "1.0.0" });
    await client.connect(transport);

    const viaStdio = (await client.callTool({
      name: "execute_code",
      arguments: { language: "python", code: "print(6*7)" },
    })) as ToolResult;
    expect(viaStdio.isError, stdioLog).toBeFalsy();
    expect(viaStdio.structuredContent).toMatchObject({ status: "SUCCEEDED", stdout: "42\n" });
    const seen = await server.request<{ execution: ExecutionView }>(EXECUTION, { id: viaStdio.structuredContent?.id });
    expect(seen.data?.execution).toEqual({ id: viaStdio.structuredContent?.id, status: "SUCCEEDED", stdout: "42\n" });

    const viaGraphQL = await server.request<{ execute: ExecutionView }>(EXECUTE, {
      input: { language: "PYTHON", code: "print('from graphql')" },
    });
    const id = viaGraphQL.data?.execute.id;
    const read = (await client.callTool({ name: "get_execution", arguments: { id } })) as ToolResult;
    expect(read.structuredContent).toMatchObject({ id, status: "SUCCEEDED", stdout: "from graphql\n" });

    expect(stdioLog).toContain(`relayed to ${new URL("/mcp", server.url).href}`);
    expect(readOwner(dataDir)).toEqual({ pid: process.pid, url: server.url });
  }, 60_000);

  it("relays a client pinned to revision 2026-07-28 too, and its cancellation", async () => {
    const server = first as TestServer;
    const modern = new Client(
      { name: "mcp-lock-test-modern", version: "1.0.0" },
      { versionNegotiation: { mode: { pin: "2026-07-28" } } },
    );
    await modern.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [join(PROJECT_ROOT, "bin", "mcp-docker-executor.js"), "mcp"],
        env: { ...(process.env as Record<string, string>), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
        stderr: "pipe",
      }),
    );
    try {
      expect(modern.getNegotiatedProtocolVersion()).toBe("2026-07-28");
      const ran = (await modern.callTool({
        name: "execute_code",
        arguments: { language: "bash", code: "echo modern" },
      })) as ToolResult;
      expect(ran.structuredContent).toMatchObject({ status: "SUCCEEDED", stdout: "modern\n" });

      const controller = new AbortController();
      let running = false;
      const cancelled = modern
        .callTool(
          { name: "execute_code", arguments: { language: "bash", code: "echo started; sleep 60" } },
          {
            signal: controller.signal,
            onprogress: (update) => {
              if (update.message === "started\n") running = true;
            },
          },
        )
        .then(
          () => "answered",
          () => "rejected",
        );
      await waitFor(() => running, { timeoutMs: 30_000, what: "the relayed program to start" });
      controller.abort("the test cancels");
      expect(await cancelled).toBe("rejected");
      await waitFor(
        async () => {
          const { data } = await server.request<{ executions: { edges: { node: { status: string } }[] } }>(
            "{ executions(first: 1) { edges { node { status } } } }",
          );
          return data?.executions.edges[0]?.node.status === "CANCELLED";
        },
        { timeoutMs: 10_000, what: "the relayed run to end CANCELLED" },
      );
    } finally {
      await modern.close();
    }
  }, 60_000);

  it("lets a new server take the folder once the first has stopped", async () => {
    await client?.close();
    client = undefined;
    await first?.stop();
    first = undefined;
    expect(readOwner(dataDir)).toBeNull();
    second = await startTestServer({}, { dataDir });
    expect(readOwner(dataDir)).toEqual({ pid: process.pid, url: second.url });
    await expectServing(second);
  }, 60_000);
});
