/**
 * Executions through the real server, the real Docker engine and a real graphql-ws client:
 * languages, stdin and args, statuses, limits, hostile programs, live output and replay.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForOutput } from "./support/graphql-helpers.js";
import { retainedBytes } from "./support/memory.js";
import { runContainersRemoved } from "./support/sandboxes.js";
import { collect, startTestServer, type TestServer } from "./support/test-server.js";

const EXECUTION_FIELDS = `id language status exitCode stdout stderr outputTruncated warnings error
  createdAt startedAt finishedAt durationMs limits { timeoutMs memoryMb cpus pids network outputLimitBytes }`;
const EXECUTE = `mutation ($input: ExecuteInput!) { execute(input: $input) { ${EXECUTION_FIELDS} } }`;

interface ExecutionResult {
  id: string;
  status: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  warnings: string[];
  error: string | null;
  durationMs: number | null;
  limits: Record<string, unknown>;
}

/** The first mirror in apt sources, deb822 (`URIs: …`) or one-line (`deb [options] URI suite …`). */
function firstMirror(sources: string): string | undefined {
  const uri = /^URIs:\s*(\S+)/m.exec(sources)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/m.exec(sources)?.[1];
  return uri?.replace(/\/?$/, "/");
}

describe("executions", () => {
  let server: TestServer;
  const execute = async (input: Record<string, unknown>) => {
    const response = await server.request<{ execute: ExecutionResult }>(EXECUTE, { input });
    return response;
  };
  const run = async (input: Record<string, unknown>): Promise<ExecutionResult> => {
    const { data, errors } = await execute(input);
    expect(errors).toBeUndefined();
    return data?.execute as ExecutionResult;
  };
  /**
   * The Debian mirror that the default image's own apt uses (the one its APT installs reach), read
   * from inside the image, so the test names no host of its own and does not depend on this machine.
   */
  let imageMirror: Promise<string> | undefined;
  const debianMirror = () =>
    (imageMirror ??= run({
      language: "BASH",
      code: "cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null || true",
    }).then(({ stdout }) => {
      const mirror = firstMirror(stdout);
      if (!mirror) throw new Error(`no Debian mirror in the image's apt sources:\n${stdout}`);
      return mirror;
    }));

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ["PYTHON", 'print("Hello from Python!")', "Hello from Python!\n"],
    ["NODE", 'console.log("Hello from Node.js!");', "Hello from Node.js!\n"],
    ["CSHARP", 'Console.WriteLine("Hello from C#!");', "Hello from C#!\n"],
    ["BASH", 'echo "Hello from Bash!"', "Hello from Bash!\n"],
  ])("runs hello world in %s", async (language, code, expected) => {
    const execution = await run({ language, code });
    expect(execution).toMatchObject({ status: "SUCCEEDED", exitCode: 0, stdout: expected, outputTruncated: false });
    expect(execution.durationMs).toBeGreaterThan(0);
  });

  it("feeds stdin to the program", async () => {
    const execution = await run({
      language: "PYTHON",
      code: "import sys\nprint(sys.stdin.read().upper(), end='')",
      stdin: "echo me\nand me\n",
    });
    expect(execution.stdout).toBe("ECHO ME\nAND ME\n");
  });

  it("passes args as argv, untouched by any shell", async () => {
    const args = ["one", "two words", "$(id)", "; rm -rf /", "*"];
    const execution = await run({
      language: "PYTHON",
      code: "import sys, json\nprint(json.dumps(sys.argv[1:]))",
      args,
    });
    expect(JSON.parse(execution.stdout)).toEqual(args);
  });

  it("reports a non-zero exit as FAILED and keeps stderr apart from stdout", async () => {
    const execution = await run({
      language: "PYTHON",
      code: "import sys\nprint('to stdout')\nprint('to stderr', file=sys.stderr)\nexit(3)",
    });
    expect(execution).toMatchObject({ status: "FAILED", exitCode: 3, stdout: "to stdout\n", stderr: "to stderr\n" });
  });

  it("kills a busy loop at the timeout", async () => {
    const started = performance.now();
    const execution = await run({ language: "PYTHON", code: "while True: pass", limits: { timeoutMs: 1000 } });
    // The bound is the point: killed at its 1 s timeout, not at some later moment.
    expect(performance.now() - started).toBeLessThan(3000);
    expect(execution.status).toBe("TIMED_OUT");
    await runContainersRemoved(server.config.dataDir);
  });

  it("reports OOM_KILLED when the memory limit is hit", async () => {
    const execution = await run({
      language: "PYTHON",
      code: "data = b'x' * (1024 * 1024 * 1024)\nprint(len(data))",
      limits: { memoryMb: 64 },
    });
    expect(execution.status).toBe("OOM_KILLED");
  });

  it("has no network by default: a connection fails quickly", async () => {
    const host = new URL(await debianMirror()).hostname;
    const started = performance.now();
    const execution = await run({
      language: "PYTHON",
      code: `import socket\ntry:\n    socket.create_connection(("${host}", 80), timeout=5)\n    print("connected")\nexcept OSError as error:\n    print("refused", type(error).__name__)`,
    });
    expect(execution.stdout).toMatch(/^refused/);
    // The bound is the point: refused at once, not once the program's 5 s connect timeout ran out.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(execution.warnings).toContain("opens network connections, but limits.network is off");
  });

  it("reaches the Debian mirror over HTTP with network: true", async () => {
    const execution = await run({
      language: "PYTHON",
      code: `import urllib.request\nprint(urllib.request.urlopen("${await debianMirror()}", timeout=20).status)`,
      limits: { network: true, timeoutMs: 30000 },
    });
    expect(execution).toMatchObject({ status: "SUCCEEDED", stdout: "200\n" });
  });

  it("survives a fork bomb under a pids limit, and keeps serving", async () => {
    const execution = await run({
      language: "BASH",
      code: "bomb() { bomb | bomb & }; bomb; sleep 10",
      limits: { pids: 64, timeoutMs: 3000 },
    });
    expect(["FAILED", "TIMED_OUT"]).toContain(execution.status);
    const health = await server.request<{ health: { ok: boolean } }>("{ health { ok } }");
    expect(health.data?.health.ok).toBe(true);
    expect((await run({ language: "PYTHON", code: "print('still here')" })).stdout).toBe("still here\n");
  });

  it("drops output past outputLimitBytes without growing the server's memory", { timeout: 120_000 }, async () => {
    // 200 MiB of output against a 50 MiB bound: a server that kept the output could not pass. What
    // is measured is what the process still holds (see retainedBytes): the RSS also counts pages
    // the allocator keeps after the flood was freed, and varied by tens of MB between runs.
    const before = await retainedBytes();
    const execution = await run({
      language: "PYTHON",
      code: "import sys\nchunk = 'x' * 65535 + '\\n'\nfor _ in range(3200):\n    sys.stdout.write(chunk)",
      limits: { outputLimitBytes: 65536, timeoutMs: 60000 },
    });
    expect(execution.status).toBe("SUCCEEDED");
    expect(execution.outputTruncated).toBe(true);
    expect(Buffer.byteLength(execution.stdout)).toBeLessThanOrEqual(65536);
    expect((await retainedBytes()) - before).toBeLessThan(50 * 1024 * 1024);
  });

  it("runs as uid 10001 with a read-only root and writable /workspace and /tmp", async () => {
    const execution = await run({
      language: "BASH",
      code: [
        "id -u",
        "touch /etc/sandbox-test 2>/dev/null && echo etc-writable || echo etc-refused",
        "echo a > /workspace/a && echo workspace-ok",
        "echo b > /tmp/b && echo tmp-ok",
      ].join("\n"),
    });
    expect(execution.stdout).toBe("10001\netc-refused\nworkspace-ok\ntmp-ok\n");
  });

  it("streams the first output chunk over graphql-ws at least 1 s before the final status", async () => {
    const client = server.wsClient();
    const received = await collect<{ run: Record<string, unknown> }>(
      client,
      `subscription ($input: ExecuteInput!) { run(input: $input) {
         __typename seq ... on LogChunk { stream data } ... on StatusChange { status } } }`,
      { input: { language: "PYTHON", code: "import time\nfor i in range(5):\n    print(i)\n    time.sleep(0.3)" } },
    );
    const events: Record<string, unknown>[] = received.map((item) => ({ ...item.value.data?.run, at: item.at }));
    const firstChunk = events.find((event) => event.__typename === "LogChunk");
    const final = events.at(-1);
    expect(final).toMatchObject({ __typename: "StatusChange", status: "SUCCEEDED" });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.slice(0, 2).map((event) => event.status)).toEqual(["QUEUED", "RUNNING"]);
    expect(firstChunk).toBeDefined();
    expect((final?.at as number) - (firstChunk?.at as number)).toBeGreaterThanOrEqual(1000);
    const stdout = events.filter((event) => event.stream === "STDOUT").map((event) => event.data);
    expect(stdout.join("")).toBe("0\n1\n2\n3\n4\n");
  });

  it("replays every event to a late subscriber, and afterSeq skips what it names", async () => {
    const execution = await run({ language: "BASH", code: "echo one; echo two >&2; echo three" });
    const client = server.wsClient();
    const query = `subscription ($id: ID!, $afterSeq: Int) { executionEvents(id: $id, afterSeq: $afterSeq) {
      seq ... on LogChunk { stream data } ... on StatusChange { status execution { status } } } }`;
    const all = (await collect<{ executionEvents: Record<string, unknown> }>(client, query, { id: execution.id })).map(
      (item) => item.value.data?.executionEvents,
    );
    expect(all[0]).toMatchObject({ seq: 1, status: "QUEUED" });
    expect(all.at(-1)).toMatchObject({ status: "SUCCEEDED", execution: { status: "SUCCEEDED" } });
    expect(all.filter((event) => event?.stream === "STDERR").map((event) => event?.data)).toEqual(["two\n"]);
    const skipped = (
      await collect<{ executionEvents: Record<string, unknown> }>(client, query, { id: execution.id, afterSeq: 2 })
    ).map((item) => item.value.data?.executionEvents);
    expect(skipped).toEqual(all.slice(2));

    const logs = (
      await collect<{ executionLogs: Record<string, unknown> }>(
        client,
        "subscription ($id: ID!) { executionLogs(id: $id) { seq stream data } }",
        { id: execution.id },
      )
    ).map((item) => item.value.data?.executionLogs);
    // Exactly the output chunks of the full replay, and all of the output of each stream.
    expect(logs).toEqual(all.filter((event) => event?.stream !== undefined));
    const output = (stream: string) =>
      logs
        .filter((chunk) => chunk?.stream === stream)
        .map((chunk) => chunk?.data)
        .join("");
    expect(output("STDOUT")).toBe("one\nthree\n");
    expect(output("STDERR")).toBe("two\n");
  });

  it("cancels a sleeping program within 2 s", async () => {
    const { data } = await execute({
      language: "PYTHON",
      code: "import time\nprint('asleep', flush=True)\ntime.sleep(60)",
      wait: false,
    });
    const id = data?.execute.id as string;
    expect(["QUEUED", "RUNNING"]).toContain(data?.execute.status);
    // Cancel once the program is asleep: right after its first line.
    await waitForOutput(server, id);
    const started = performance.now();
    const cancelled = await server.request<{ cancelExecution: ExecutionResult }>(
      "mutation ($id: ID!) { cancelExecution(id: $id) { status } }",
      { id },
    );
    expect(cancelled.data?.cancelExecution.status).toBe("CANCELLED");
    // The bound is the point: the cancel is answered within 2 s.
    expect(performance.now() - started).toBeLessThan(2000);
    await runContainersRemoved(server.config.dataDir);
  });

  it("pages the history newest first, with filters and totalCount", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await run({ language: "BASH", code: `echo page-${i}` })).id);
    const query = `query ($after: String) { executions(first: 2, after: $after, language: BASH) {
      totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      executions: {
        totalCount: number;
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = (await server.request<Page>(query)).data?.executions;
    expect(first?.edges.map((edge) => edge.node.id)).toEqual([ids[2], ids[1]]);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const second = (await server.request<Page>(query, { after: first?.pageInfo.endCursor })).data?.executions;
    expect(second?.edges[0]?.node.id).toBe(ids[0]);
    expect(second?.totalCount).toBe(first?.totalCount);
    // A failed run of its own, so that the filtered list is never empty, whatever ran before.
    const failing = await run({ language: "BASH", code: "exit 1" });
    expect(failing.status).toBe("FAILED");
    const failed = await server.request<{ executions: { edges: { node: { id: string; status: string } }[] } }>(
      "{ executions(status: FAILED) { edges { node { id status } } } }",
    );
    const nodes = failed.data?.executions.edges.map((edge) => edge.node) ?? [];
    expect(nodes.map((node) => node.id)).toContain(failing.id);
    expect(nodes.filter((node) => node.status !== "FAILED")).toEqual([]);
  });

  describe("refuses bad input and creates nothing", () => {
    it.each([
      ["an unknown image id", { imageId: "no-such-image" }, "NOT_FOUND"],
      ["timeoutMs: 0", { limits: { timeoutMs: 0 } }, "BAD_USER_INPUT"],
      ["a timeout above the maximum", { limits: { timeoutMs: 300_001 } }, "LIMIT_EXCEEDED"],
      ["code over the size limit", { code: "#".repeat(1024 * 1024 + 1) }, "LIMIT_EXCEEDED"],
      ["a memory limit above the maximum", { limits: { memoryMb: 1 << 20 } }, "LIMIT_EXCEEDED"],
    ])("%s", async (_name, change, code) => {
      const before = (await server.request<{ executions: { totalCount: number } }>("{ executions { totalCount } }"))
        .data?.executions.totalCount;
      const { errors, data } = await execute({ language: "PYTHON", code: "print(1)", ...change });
      expect(data).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe(code);
      expect(errors?.[0]?.message).toMatch(/imageId|limits\.|code/);
      const after = (await server.request<{ executions: { totalCount: number } }>("{ executions { totalCount } }")).data
        ?.executions.totalCount;
      expect(after).toBe(before);
      await runContainersRemoved(server.config.dataDir);
    });

    it("an unknown execution id gives NOT_FOUND", async () => {
      const { errors } = await server.request('mutation { cancelExecution(id: "nope") { id } }');
      expect(errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect(
        (await server.request<{ execution: null }>('{ execution(id: "nope") { id } }')).data?.execution,
      ).toBeNull();
    });
  });
});
