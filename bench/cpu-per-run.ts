/**
 * `npm run bench:cpu`: where the CPU of a run goes, at concurrency 8, for raw dockerode runs and
 * for runs through the service, pooled and cold. On this 2-core machine throughput is bound by CPU,
 * so CPU per run explains throughput: the machine's busy time (/proc/stat), split into the engine
 * (dockerd and containerd), the containers themselves (their cgroups), this process (the server,
 * when it serves), and the rest (runc, shims, the kernel's work for mounts and namespaces).
 * Prints numbers; asserts nothing.
 */

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createDockerClient } from "../src/docker/docker-client.js";
import { ownershipLabels } from "../src/docker/labels.js";
import { languageCatalog } from "../src/languages/catalog.js";
import { createLogger } from "../src/logger.js";

const RUNS = Number(process.env.BENCH_CONCURRENT_RUNS ?? 40);
const CONCURRENCY = 8;
const CODE = 'print("Hello from Python!")';
const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());
const docker = createDockerClient();

/** Milliseconds of CPU: the whole machine's busy time, the engine's, the containers', this process's. */
function cpuNow() {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((sum, value) => sum + value, 0);
  let engine = 0;
  for (const name of ["dockerd", "containerd"]) {
    const pids = execFileSync("pgrep", ["-x", name]).toString().trim().split("\n").filter(Boolean);
    for (const pid of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      engine += Number(stat[11]) + Number(stat[12]);
    }
  }
  const containers = Number(readFileSync("/sys/fs/cgroup/cpuacct/docker/cpuacct.usage", "utf8")) / 1e6;
  const own = process.cpuUsage();
  return {
    busy: (total - idle) * TICK_MS,
    engine: engine * TICK_MS,
    containers,
    server: (own.user + own.system) / 1000,
  };
}

async function measure(name: string, once: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 4; i++) await once();
  const before = cpuNow();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < RUNS) await once();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = cpuNow();
  const per = (key: keyof typeof before) => (after[key] - before[key]) / RUNS;
  const rest = per("busy") - per("engine") - per("containers") - per("server");
  console.log(
    `${name.padEnd(24)} ${(RUNS / seconds).toFixed(2).padStart(6)} runs/s   CPU per run ${per("busy").toFixed(0).padStart(4)} ms: engine ${per("engine").toFixed(0).padStart(3)}, containers ${per("containers").toFixed(0).padStart(3)}, this process ${per("server").toFixed(0).padStart(3)}, rest ${rest.toFixed(0).padStart(3)}`,
  );
}

async function rawRun(): Promise<void> {
  const container = await docker.createContainer({
    Image: "mcp-executor-base",
    Cmd: ["python3", "-c", CODE],
    Labels: ownershipLabels("probe"),
    NetworkDisabled: true,
    HostConfig: { NetworkMode: "none" },
  });
  try {
    await container.start();
    await container.wait();
  } finally {
    await container.remove({ force: true });
  }
}

async function server(env: Record<string, string>) {
  const dataDir = await mkdtemp(join(tmpdir(), "mcp-executor-cpu-"));
  const config = loadConfig({ ...process.env, PORT: "0", DATA_DIR: dataDir, EXEC_MAX_CONCURRENCY: "8", ...env });
  const app = await createApp(config, createLogger("warn"), languageCatalog());
  const url = await app.start();
  const key = (await readFile(join(dataDir, "admin.key"), "utf8")).trim();
  const once = async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({
        query: `mutation { execute(input: { language: PYTHON, code: ${JSON.stringify(CODE)} }) { status } }`,
      }),
    });
    const { data } = (await response.json()) as { data?: { execute: { status: string } } };
    if (data?.execute.status !== "SUCCEEDED") throw new Error("run failed");
  };
  return {
    once,
    stop: async () => {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

await measure("raw dockerode cold", rawRun);
for (const [name, env] of [
  ["execute, pooled", { POOL_SIZE: "2" }],
  ["execute, cold", { POOL_SIZE: "0" }],
  ["execute, cold, no usage", { POOL_SIZE: "0", EXEC_USAGE: "off" }],
] as const) {
  const running = await server(env);
  try {
    await measure(name, running.once);
  } finally {
    await running.stop();
  }
}
