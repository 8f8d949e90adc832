/** Executions across the server's life: the concurrency limit, restarts, and a crash mid-run. */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { createDockerClient } from "../src/docker/docker-client.js";
import { EXECUTION_LABEL } from "../src/docker/labels.js";
import { makeDataDir, startTestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const docker = createDockerClient();
const dataDirs: string[] = [];
afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

async function countExecutionContainers(): Promise<number> {
  return (await docker.listContainers({ all: true, filters: { label: [EXECUTION_LABEL] } })).length;
}

const EXECUTE = "mutation ($input: ExecuteInput!) { execute(input: $input) { id status stdout exitCode error } }";

describe("execution lifecycle", () => {
  it("runs 20 executions under max concurrency 4, never more than 4 containers at once", async () => {
    const server = await startTestServer({ EXEC_MAX_CONCURRENCY: "4" });
    let most = 0;
    let sampling = true;
    // Counts the containers every 50 ms until the runs are over (or the deadline fails the test).
    const sampler = waitFor(
      async () => {
        most = Math.max(most, await countExecutionContainers());
        return !sampling;
      },
      { timeoutMs: 50_000, what: "the 20 executions to finish" },
    );
    try {
      const runs = Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          server.request<{ execute: { status: string; stdout: string } }>(EXECUTE, {
            input: { language: "PYTHON", code: `import time\ntime.sleep(0.3)\nprint(${index} * 2)` },
          }),
        ),
      ).finally(() => {
        sampling = false;
      });
      const [results] = await Promise.all([runs, sampler]);
      results.forEach((result, index) => {
        expect(result.errors).toBeUndefined();
        expect(result.data?.execute).toMatchObject({ status: "SUCCEEDED", stdout: `${index * 2}\n` });
      });
    } finally {
      sampling = false;
      await sampler.catch(() => undefined);
      await server.stop();
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(4);
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
    const child = spawn(process.execPath, ["dist/main.js"], {
      // The process's crash is the subject here, not keys: AUTH=off (allowed on loopback).
      env: { ...process.env, PORT: "0", DATA_DIR: dataDir, AUTH: "off" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr?.on("data", (chunk) => {
        log += chunk;
        const match = /GraphQL \(and GraphiQL\) at (\S+);/.exec(log);
        if (match?.[1]) resolve(match[1]);
      });
      child.on("exit", () => reject(new Error(`server exited: ${log}`)));
    });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: EXECUTE,
        variables: { input: { language: "PYTHON", code: "import time\ntime.sleep(60)", wait: false } },
      }),
    });
    const id = (await response.json()).data.execute.id as string;
    const containerOf = async () =>
      docker.listContainers({ all: true, filters: { label: [`${EXECUTION_LABEL}=${id}`] } });
    await waitFor(async () => (await containerOf()).some((container) => container.State === "running"), {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: `the container of execution ${id} to run`,
    });
    expect(await containerOf()).toHaveLength(1);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    expect(await containerOf()).toHaveLength(1);

    const server = await startTestServer({}, { dataDir });
    try {
      expect(await containerOf()).toHaveLength(0);
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
