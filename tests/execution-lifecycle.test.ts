/** Executions across the server's life: the concurrency limit, restarts, and a crash mid-run. */
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { runContainers } from "./support/sandboxes.js";
import { spawnServer } from "./support/server-process.js";
import { makeDataDir, startTestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const dataDirs: string[] = [];
afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

const EXECUTE = "mutation ($input: ExecuteInput!) { execute(input: $input) { id status stdout exitCode error } }";

describe("execution lifecycle", () => {
  it("runs 20 executions under max concurrency 4, never more than 4 programs at once", async () => {
    const server = await startTestServer({ EXEC_MAX_CONCURRENCY: "4" });
    try {
      // Each program reports when it ran (the host's clock, seen from inside): the overlap is counted
      // from those, since idle pooled sandboxes and containers awaiting removal are not runs.
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          server.request<{ execute: { status: string; stdout: string } }>(EXECUTE, {
            input: {
              language: "PYTHON",
              code: `import time\nstart = time.time()\ntime.sleep(0.3)\nprint(${index} * 2, start, time.time())`,
            },
          }),
        ),
      );
      const spans = results.map((result, index) => {
        expect(result.errors).toBeUndefined();
        expect(result.data?.execute.status).toBe("SUCCEEDED");
        const [doubled, start, end] = (result.data?.execute.stdout ?? "").trim().split(" ").map(Number);
        expect(doubled).toBe(index * 2);
        return { start: start as number, end: end as number };
      });
      const most = Math.max(
        ...spans.map(({ start }) => spans.filter((span) => span.start <= start && start < span.end).length),
      );
      expect(most).toBeGreaterThan(1);
      expect(most).toBeLessThanOrEqual(4);
    } finally {
      await server.stop();
    }
  });

  it("returns a finished execution after a restart", async () => {
    const dataDir = await makeDataDir();
    dataDirs.push(dataDir);
    const first = await startTestServer({}, { dataDir });
    const { data } = await first.request<{ execute: { id: string } }>(EXECUTE, {
      input: { language: "BASH", code: "echo kept" },
    });
    await first.stop();
    const second = await startTestServer({}, { dataDir });
    try {
      const again = await second.request<{ execution: Record<string, unknown> }>(
        "query ($id: ID!) { execution(id: $id) { status stdout exitCode } }",
        { id: data?.execute.id },
      );
      expect(again.data?.execution).toEqual({ status: "SUCCEEDED", stdout: "kept\n", exitCode: 0 });
    } finally {
      await second.stop();
    }
  });

  it("after a SIGKILL mid-run, the next start removes the container and marks the execution ERROR", async () => {
    const dataDir = await makeDataDir();
    dataDirs.push(dataDir);
    const crashing = await spawnServer(dataDir);
    const started = await crashing.request<{ execute: { id: string } }>(EXECUTE, {
      input: { language: "PYTHON", code: "import time\ntime.sleep(60)", wait: false },
    });
    const id = started.data?.execute.id as string;
    // The run's container is the one that is not a pooled sandbox still waiting for its files.
    const running = await waitFor(
      async () => {
        const ids = await runContainers(dataDir);
        return ids.length === 1 ? ids : null;
      },
      { timeoutMs: 20_000, intervalMs: 100, what: `the container of execution ${id} to run` },
    );
    await crashing.kill();
    // Its pooled sandboxes lost their server too: they end, and the sweep removes them as well.
    expect(await runContainers(dataDir)).toEqual(expect.arrayContaining(running));

    const server = await startTestServer({}, { dataDir });
    try {
      expect(await runContainers(dataDir)).not.toContain(running[0]);
      const after = await server.request<{ execution: Record<string, unknown> }>(
        "query ($id: ID!) { execution(id: $id) { status error } }",
        { id },
      );
      expect(after.data?.execution).toEqual({ status: "ERROR", error: "server restarted" });
    } finally {
      await server.stop();
    }
  });
});
