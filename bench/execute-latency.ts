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
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createDockerClient } from "../src/docker/docker-client.js";
import { ownershipLabels } from "../src/docker/labels.js";
import { createLogger } from "../src/logger.js";
import { PROJECT_ROOT } from "../src/paths.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const CONCURRENT_RUNS = Number(process.env.BENCH_CONCURRENT_RUNS ?? 40);
const CONCURRENCY = 8;
const CODE = 'print("Hello from Python!")';

/** A server on its own data folder; AUTH=off for the line that measures what keys, armor and quotas cost. */
async function startServer(env: Record<string, string>) {
  const dataDir = await mkdtemp(join(tmpdir(), "mcp-executor-bench-"));
  const config = loadConfig({
    ...process.env,
    PORT: "0",
    DATA_DIR: dataDir,
    EXEC_MAX_CONCURRENCY: String(CONCURRENCY),
    ...env,
  });
  const app = createApp(config, createLogger("warn"));
  const url = await app.start();
  const adminKey = (await readFile(join(dataDir, "admin.key"), "utf8")).trim();
  return { config, app, url, dataDir, adminKey };
}

const secured = await startServer({});
const open = await startServer({ AUTH: "off" });
const { config } = secured;
const docker = createDockerClient();

async function graphql(url: string, key: string | null, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: { execute?: { status: string }; createApiKey?: { key: string } };
    errors?: unknown[];
  };
}

/** One Python hello through `execute`, as the given key (null: none, for AUTH=off). */
function viaGraphQL(url: string, key: string | null) {
  return async () => {
    const { data, errors } = await graphql(
      url,
      key,
      "mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout } }",
      { input: { language: "PYTHON", code: CODE } },
    );
    if (data?.execute?.status !== "SUCCEEDED") throw new Error(`execute failed: ${JSON.stringify({ data, errors })}`);
  };
}

// A user key: its quotas and ownership are checked on every run, as for an agent's key.
const created = await graphql(
  secured.url,
  secured.adminKey,
  'mutation { createApiKey(input: { name: "bench-user" }) { key } }',
  {},
);
const userKey = created.data?.createApiKey?.key as string;

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

/**
 * Latency of each contender, measured in turns (one run of each, then again) so that drift of the
 * machine and the engine during the measurement falls on all of them alike.
 */
async function latency(contenders: [name: string, once: () => Promise<void>][], runs = RUNS): Promise<void> {
  for (const [, once] of contenders) await once(); // warm-up
  const times = contenders.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [index, [, once]] of contenders.entries()) {
      const started = performance.now();
      await once();
      times[index]?.push(performance.now() - started);
    }
  }
  for (const [index, [name]] of contenders.entries()) {
    const sorted = (times[index] ?? []).sort((a, b) => a - b);
    console.log(
      `${name.padEnd(22)} latency  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} ms   (${runs} runs)`,
    );
  }
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
  // Auth (a user key: hash look-up, ownership, quotas) and request limits, against the same with AUTH=off.
  await latency([
    ["raw dockerode", viaRawDockerode],
    ["GraphQL execute", viaGraphQL(secured.url, secured.adminKey)],
    ["execute, user key", viaGraphQL(secured.url, userKey)],
    ["execute, AUTH=off", viaGraphQL(open.url, null)],
  ]);
  // The same without a container, where a millisecond would show: what a key, armor and quotas cost a request.
  const policyQuery = (url: string, key: string | null) => async () => {
    const { data } = await graphql(url, key, "{ executionPolicy { maxConcurrency } }", {});
    if (!data) throw new Error("executionPolicy failed");
  };
  await latency(
    [
      ["query, user key", policyQuery(secured.url, userKey)],
      ["query, AUTH=off", policyQuery(open.url, null)],
    ],
    500,
  );
  // The CLI as a user runs it: the compiled entry point, a new process each time.
  const cli =
    (...args: string[]) =>
    async () => {
      await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, "bin", "mcp-docker-executor.js"), ...args], {
        env: { ...process.env, MCP_EXECUTOR_URL: secured.url, DATA_DIR: secured.dataDir },
      });
    };
  await latency(
    [
      ["CLI --version", cli("--version")],
      ["CLI exec python", cli("exec", "python", "print(1)")],
    ],
    10,
  );
  await throughput("raw dockerode", viaRawDockerode);
  await throughput("GraphQL execute", viaGraphQL(secured.url, secured.adminKey));
} finally {
  for (const server of [secured, open]) {
    await server.app.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  }
}
