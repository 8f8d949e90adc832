/**
 * What a run used, from its container's cgroup: reported by the runner after the program (pooled
 * and cold alike), read by the server before a timeout's kill, and sampled live while it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect, startTestServer, type TestServer } from "./support/test-server.js";

const EXECUTE = `mutation ($input: ExecuteInput!) {
  execute(input: $input) {
    id status
    usage { peakMemoryBytes cpuTimeMs wallTimeMs maxPids blockReadBytes blockWriteBytes }
  }
}`;

interface Usage {
  peakMemoryBytes: number;
  cpuTimeMs: number;
  wallTimeMs: number;
  maxPids: number;
  blockReadBytes: number;
  blockWriteBytes: number;
}

const MB = 1e6;

describe.each([
  ["pooled", "2"],
  ["cold", "0"],
])("resource usage, %s", (_mode, poolSize) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: poolSize });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const run = async (input: Record<string, unknown>) => {
    const { data, errors } = await server.request<{ execute: { id: string; status: string; usage: Usage } }>(EXECUTE, {
      input,
    });
    expect(errors).toBeUndefined();
    return data?.execute as { id: string; status: string; usage: Usage };
  };

  it("reports the memory peak of a program that holds 100 MB", async () => {
    const { status, usage } = await run({
      language: "PYTHON",
      code: "import time\nx = bytearray(100 * 1000 * 1000)\nfor i in range(0, len(x), 4096): x[i] = 1\ntime.sleep(1)",
    });
    expect(status).toBe("SUCCEEDED");
    expect(usage.peakMemoryBytes).toBeGreaterThanOrEqual(100 * MB);
    expect(usage.peakMemoryBytes).toBeLessThanOrEqual(160 * MB);
    expect(usage.wallTimeMs).toBeGreaterThanOrEqual(1000);
  });

  it("counts CPU time: a 1 s busy loop uses about a second, a 1 s sleep almost none", async () => {
    const busy = await run({
      language: "PYTHON",
      code: "import time\nend = time.time() + 1\nwhile time.time() < end: pass",
      limits: { cpus: 1 },
    });
    expect(busy.usage.cpuTimeMs).toBeGreaterThanOrEqual(700);
    expect(busy.usage.cpuTimeMs).toBeLessThanOrEqual(1300);
    const idle = await run({ language: "BASH", code: "sleep 1" });
    expect(idle.usage.cpuTimeMs).toBeLessThan(100);
    expect(idle.usage.wallTimeMs).toBeGreaterThanOrEqual(1000);
  });

  it("counts the most processes at once", async () => {
    const { usage } = await run({ language: "BASH", code: "for i in $(seq 20); do sleep 1 & done; wait" });
    expect(usage.maxPids).toBeGreaterThanOrEqual(20);
  });

  it("reports a peak at the limit for OOM_KILLED, and usage up to the kill for TIMED_OUT", async () => {
    const oom = await run({
      language: "PYTHON",
      code: "x = bytearray(200 * 1024 * 1024)",
      limits: { memoryMb: 64 },
    });
    expect(oom.status).toBe("OOM_KILLED");
    expect(oom.usage.peakMemoryBytes).toBeGreaterThanOrEqual(60 * 1024 * 1024);
    expect(oom.usage.peakMemoryBytes).toBeLessThanOrEqual(64 * 1024 * 1024);
    const timedOut = await run({
      language: "PYTHON",
      code: "while True: pass",
      limits: { timeoutMs: 1000 },
    });
    expect(timedOut.status).toBe("TIMED_OUT");
    expect(timedOut.usage.cpuTimeMs).toBeGreaterThanOrEqual(500);
    expect(timedOut.usage.wallTimeMs).toBeGreaterThanOrEqual(1000);
  });

  it("stores the usage with the execution: a later query reads the same figures", async () => {
    const { id, usage } = await run({ language: "BASH", code: "echo kept" });
    const { data } = await server.request<{ execution: { usage: Usage } }>(
      "query ($id: ID!) { execution(id: $id) { usage { peakMemoryBytes cpuTimeMs wallTimeMs maxPids } } }",
      { id },
    );
    expect(data?.execution.usage).toEqual({
      peakMemoryBytes: usage.peakMemoryBytes,
      cpuTimeMs: usage.cpuTimeMs,
      wallTimeMs: usage.wallTimeMs,
      maxPids: usage.maxPids,
    });
    expect(usage.peakMemoryBytes).toBeGreaterThan(0);
  });

  it("streams live samples with executionUsage, memory rising, then the final usage and the end", async () => {
    const { data } = await server.request<{ execute: { id: string } }>(EXECUTE, {
      input: {
        language: "PYTHON",
        code: "import time\nheld = []\nfor i in range(8):\n    held.append(bytearray(10 * 1000 * 1000))\n    for j in range(0, len(held[-1]), 4096): held[-1][j] = 1\n    time.sleep(0.25)",
        wait: false,
      },
    });
    const id = data?.execute.id as string;
    type Sample = { memoryBytes: number; cpuPercent: number; pids: number };
    const samples = (
      await collect<{ executionUsage: Sample }>(
        server.wsClient(),
        "subscription ($id: ID!) { executionUsage(id: $id) { at memoryBytes cpuPercent pids } }",
        { id },
      )
    ).map(({ value }) => value.data?.executionUsage as Sample);
    const memory = samples.map((sample) => sample.memoryBytes);
    expect(memory.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...memory.slice(0, -1))).toBeGreaterThan((memory[0] as number) + 20 * MB);
    const { data: ended } = await server.request<{ execution: { status: string; usage: Usage } }>(
      "query ($id: ID!) { execution(id: $id) { status usage { peakMemoryBytes maxPids } } }",
      { id },
    );
    expect(ended?.execution.status).toBe("SUCCEEDED");
    expect(samples.at(-1)).toMatchObject({
      memoryBytes: ended?.execution.usage.peakMemoryBytes,
      pids: ended?.execution.usage.maxPids,
    });
    // A finished execution yields its final usage alone.
    const after = await collect<{ executionUsage: { memoryBytes: number } }>(
      server.wsClient(),
      "subscription ($id: ID!) { executionUsage(id: $id) { memoryBytes } }",
      { id },
    );
    expect(after.map(({ value }) => value.data)).toEqual([
      { executionUsage: { memoryBytes: ended?.execution.usage.peakMemoryBytes } },
    ]);
  });
});
