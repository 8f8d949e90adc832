/**
 * `npm run bench`: latency (p50, p95) of a Python hello world through GraphQL `execute` on a real
 * server, next to raw dockerode create/start/wait/remove of the same program in the same run;
 * then throughput at concurrency 8 for both. The baseline runs `python3 -c` in a bare container
 * with the network disabled: what the service adds on top of it (validation, the tar on stdin,
 * the lock-down options, the event log in SQLite, GraphQL) is the difference between the lines.
 * Prints numbers; asserts nothing (that is the tests' job).
 *
 * Options (environment): BENCH_RUNS (default 30), BENCH_CONCURRENT_RUNS (default 40).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createDockerClient } from "../src/docker/docker-client.js";
import { ownershipLabels } from "../src/docker/labels.js";
import { createLogger } from "../src/logger.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const CONCURRENT_RUNS = Number(process.env.BENCH_CONCURRENT_RUNS ?? 40);
const CONCURRENCY = 8;
const CODE = 'print("Hello from Python!")';

const dataDir = await mkdtemp(join(tmpdir(), "mcp-executor-bench-"));
const config = loadConfig({ ...process.env, PORT: "0", DATA_DIR: dataDir, EXEC_MAX_CONCURRENCY: String(CONCURRENCY) });
const app = createApp(config, createLogger("warn"));
const url = await app.start();
const docker = createDockerClient();

async function viaGraphQL(): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: "mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout } }",
      variables: { input: { language: "PYTHON", code: CODE } },
    }),
  });
  const { data } = await response.json();
  if (data?.execute?.status !== "SUCCEEDED") throw new Error(`execute failed: ${JSON.stringify(data)}`);
}

async function viaRawDockerode(): Promise<void> {
  const container = await docker.createContainer({
    Image: config.sandboxImage,
    Cmd: ["python3", "-c", CODE],
    Labels: ownershipLabels("probe"),
    // As the sandbox does: NetworkDisabled skips the network sandbox, about 300 ms of every start.
    NetworkDisabled: true,
    HostConfig: { NetworkMode: "none" },
  });
  try {
    await container.start();
    const { StatusCode } = await container.wait();
    if (StatusCode !== 0) throw new Error(`raw run exited ${StatusCode}`);
  } finally {
    await container.remove({ force: true });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function latency(name: string, once: () => Promise<void>): Promise<void> {
  await once(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(22)} latency  p50 ${percentile(times, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(times, 95).toFixed(0).padStart(5)} ms   (${RUNS} runs)`,
  );
}

async function throughput(name: string, once: () => Promise<void>): Promise<void> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CONCURRENT_RUNS) await once();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${name.padEnd(22)} throughput ${(CONCURRENT_RUNS / seconds).toFixed(2).padStart(6)} runs/s at concurrency ${CONCURRENCY} (${CONCURRENT_RUNS} runs)`,
  );
}

try {
  await latency("raw dockerode", viaRawDockerode);
  await latency("GraphQL execute", viaGraphQL);
  await throughput("raw dockerode", viaRawDockerode);
  await throughput("GraphQL execute", viaGraphQL);
} finally {
  await app.stop();
  await rm(dataDir, { recursive: true, force: true });
}
