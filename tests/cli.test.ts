/** The CLI as a subprocess against a real server: exit codes, --json, live output, help. */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/paths.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const CLI = join(PROJECT_ROOT, "bin", "mcp-docker-executor.js");

interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** performance.now() when each stdout chunk arrived. */
  stdoutChunks: { at: number; text: string }[];
}

describe("CLI", () => {
  let server: TestServer;
  const cli = (...args: string[]): CliRun => {
    const child = spawn(process.execPath, [CLI, ...args], {
      // The server's DATA_DIR, as a user running `npm start` in the same folder has it: no token given,
      // the CLI reads the server's admin.key.
      env: { ...process.env, MCP_EXECUTOR_URL: server.url, DATA_DIR: server.config.dataDir, MCP_EXECUTOR_TOKEN: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdoutChunks: CliRun["stdoutChunks"] = [];
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => stdoutChunks.push({ at: performance.now(), text: chunk.toString() }));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk));
    const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on("close", (code) => resolve({ code, stdout: stdoutChunks.map((chunk) => chunk.text).join(""), stderr })),
    );
    return { child, done, stdoutChunks };
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("exits with the program's exit code, keeping stdout and stderr apart", async () => {
    const result = await cli("exec", "py", "import sys\nprint('out')\nprint('err', file=sys.stderr)\nsys.exit(7)").done;
    expect(result).toEqual({ code: 7, stdout: "out\n", stderr: "err\n" });
  });

  it("exits 137 when the program is killed for memory", async () => {
    const result = await cli("exec", "python", "x = b'x' * (1 << 30)", "--memory", "64").done;
    expect(result.code).toBe(137);
    expect(result.stderr).toContain("OOM_KILLED");
  });

  it("cancels the execution on Ctrl-C and exits 130", async () => {
    const run = cli("exec", "python", "import time\nprint('started', flush=True)\ntime.sleep(60)");
    await waitFor(() => run.stdoutChunks.some((chunk) => chunk.text.includes("started")), {
      timeoutMs: 30_000,
      what: "the CLI to print the program's first line, started",
    });
    run.child.kill("SIGINT");
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("CANCELLED");
    const { data } = await server.request<{ executions: { edges: { node: { status: string } }[] } }>(
      "{ executions(first: 1) { edges { node { status } } } }",
    );
    expect(data?.executions.edges[0]?.node.status).toBe("CANCELLED");
  });

  it("shows the first line of a slow program before the program ends", async () => {
    const run = cli("exec", "python", "import time\nfor i in range(5):\n    print(i, flush=True)\n    time.sleep(0.3)");
    const result = await run.done;
    const ended = performance.now();
    expect(result.stdout).toBe("0\n1\n2\n3\n4\n");
    // The bound is the point: the first line came while the program still had 1.2 s to run.
    expect(ended - (run.stdoutChunks[0]?.at ?? ended)).toBeGreaterThanOrEqual(1000);
  });

  it("prints what a run used after its output with --stats", async () => {
    const result = await cli("exec", "bash", "echo hi", "--stats").done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("hi\n");
    expect(result.stderr).toMatch(/^\[usage: \d+\.\d MiB peak memory, \d+ ms CPU, \d+ ms wall, \d+ processes\]\n$/);
  });

  it("prints JSON that parses: a document, or lines for a stream", async () => {
    const health = await cli("--json", "health").done;
    expect(JSON.parse(health.stdout)).toMatchObject({ ok: true, docker: { reachable: true } });
    const stream = await cli("--json", "exec", "bash", "echo one; echo two").done;
    const events = stream.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events.at(-1)).toMatchObject({
      __typename: "StatusChange",
      status: "SUCCEEDED",
      execution: { usage: { peakMemoryBytes: expect.any(Number), cpuTimeMs: expect.any(Number) } },
    });
    expect(
      events
        .filter((event) => event.__typename === "LogChunk")
        .map((event) => event.data)
        .join(""),
    ).toBe("one\ntwo\n");
    const files = await cli("--json", "list-files").done;
    expect(JSON.parse(files.stdout)).toHaveProperty("totalCount");
    const runtimes = await cli("--json", "runtimes").done;
    expect(JSON.parse(runtimes.stdout)).toHaveLength(7);
  });

  it("works with no flags against a server on this machine, through its admin.key", async () => {
    const result = await cli("exec", "bash", "echo keyless").done;
    expect(result).toEqual({ code: 0, stdout: "keyless\n", stderr: "" });
  });

  it("makes, lists and revokes keys; a revoked key is refused, over HTTP and the WebSocket", async () => {
    const made = await cli("--json", "keys", "create", "--name", "cli-agent").done;
    expect(made.code).toBe(0);
    const key = JSON.parse(made.stdout) as { id: string; name: string; role: string; key: string };
    expect(Object.keys(key).sort()).toEqual(["id", "key", "name", "role"]);
    expect(key).toMatchObject({ name: "cli-agent", role: "user" });
    const asAgent = await cli("--token", key.key, "exec", "bash", "echo agent").done;
    expect(asAgent).toEqual({ code: 0, stdout: "agent\n", stderr: "" });
    const listed = await cli("keys", "list").done;
    expect(listed.stdout).toContain(key.id);
    expect((await cli("keys", "revoke", key.id).done).code).toBe(0);
    const refusedHttp = await cli("--token", key.key, "health").done;
    expect(refusedHttp.code).toBe(1);
    expect(refusedHttp.stderr).toContain("UNAUTHENTICATED");
    const refusedSocket = await cli("--token", key.key, "exec", "bash", "echo no").done;
    expect(refusedSocket.code).toBe(1);
    expect(refusedSocket.stderr).toContain("UNAUTHENTICATED");
  });

  it("prints a refused request's code and exits 1", async () => {
    const result = await cli("exec", "python", "print(1)", "--image", "no-such-image").done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("NOT_FOUND");
  });

  it.each([
    "health",
    "runtimes",
    "create",
    "images",
    "remove-image",
    "exec",
    "exec-file",
    "install-package",
    "upload-file",
    "list-files",
    "file",
    "delete-file",
    "delete-execution",
    "file-stats",
    "executions",
    "logs",
    "cancel-build",
    "cancel-install",
    "keys",
    "keys create",
    "keys list",
    "keys revoke",
  ])("has --help with an example for %s", async (command) => {
    const result = await cli(...command.split(" "), "--help").done;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples?:\n\s+\$ mcp-docker-executor/);
  });
});
