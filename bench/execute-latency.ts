/**
 * `npm run bench`: what a run costs through the service, beside raw Docker baselines measured in
 * the same run, in turns, so that drift of the machine falls on all contenders alike:
 *   - hello world p50/p95 in each language through GraphQL `execute`, pooled (POOL_SIZE=2) and
 *     cold (POOL_SIZE=0), beside raw dockerode create/start/wait/remove and raw `docker exec` into
 *     a running container;
 *   - Python hello p50 under runc and under gVisor's runsc (isolation STRONG), pooled and cold;
 *   - throughput at concurrency 8, pooled against raw cold;
 *   - first-chunk latency: from a program's write (its own timestamp) to a graphql-ws subscriber;
 *   - what collecting usage costs (Python pooled with EXEC_USAGE=off beside it), what a key costs
 *     a request, the CLI's wall time, and the memory of an idle pool.
 * Prints numbers; asserts nothing (that is the tests' job).
 *
 * Options (environment): BENCH_RUNS (default 30), BENCH_CONCURRENT_RUNS (default 40).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type Dockerode from "dockerode";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createDockerClient } from "../src/docker/docker-client.js";
import { ownershipLabels, PURPOSE_LABEL, STORE_LABEL, storeLabelValue } from "../src/docker/labels.js";
import { languageCatalog } from "../src/languages/catalog.js";
import { createLogger } from "../src/logger.js";
import { PROJECT_ROOT } from "../src/paths.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const CONCURRENT_RUNS = Number(process.env.BENCH_CONCURRENT_RUNS ?? 40);
const CONCURRENCY = 8;
const HELLO: Record<string, string> = {
  PYTHON: 'print("Hello from Python!")',
  NODE: 'console.log("Hello from Node.js!");',
  BASH: 'echo "Hello from Bash!"',
  CSHARP: 'Console.WriteLine("Hello from C#!");',
};

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
  const app = await createApp(config, createLogger("warn"), languageCatalog());
  const url = await app.start();
  const adminKey = (await readFile(join(dataDir, "admin.key"), "utf8")).trim();
  return { config, app, url, dataDir, adminKey };
}

const pooled = await startServer({ POOL_SIZE: "2" });
const pooledWithoutUsage = await startServer({ POOL_SIZE: "2", EXEC_USAGE: "off" });
const cold = await startServer({ POOL_SIZE: "0" });
const open = await startServer({ AUTH: "off", POOL_SIZE: "0" });
const { config } = pooled;
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

/** One hello world through `execute` on a server, as its admin (STRONG: under gVisor's runsc). */
function viaGraphQL(server: { url: string; adminKey: string }, language = "PYTHON", isolation = "STANDARD") {
  return async () => {
    const { data, errors } = await graphql(
      server.url,
      server.adminKey,
      "mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout } }",
      { input: { language, code: HELLO[language], isolation } },
    );
    if (data?.execute?.status !== "SUCCEEDED") throw new Error(`execute failed: ${JSON.stringify({ data, errors })}`);
  };
}

// A user key: its quotas and ownership are checked on every request, as for an agent's key.
const created = await graphql(
  cold.url,
  cold.adminKey,
  'mutation { createApiKey(input: { name: "bench-user" }) { key } }',
  {},
);
const userKey = created.data?.createApiKey?.key as string;

async function viaRawDockerode(runtime = "runc"): Promise<void> {
  const container = await docker.createContainer({
    Image: config.sandboxImage,
    Cmd: ["python3", "-c", HELLO.PYTHON as string],
    Labels: ownershipLabels("probe"),
    // As the sandbox does: NetworkDisabled skips the network sandbox, about 300 ms of every start.
    NetworkDisabled: true,
    HostConfig: { NetworkMode: "none", Runtime: runtime },
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
async function latency(
  contenders: [name: string, once: () => Promise<void>][],
  runs = RUNS,
  /**
   * A pause before each run, unmeasured: the time an agent's next request takes to come, in which a
   * pool refills (and the previous contender's refill is not the next one's load).
   */
  pauseMs = 0,
): Promise<void> {
  for (const [, once] of contenders) await once(); // warm-up
  const times = contenders.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [index, [, once]] of contenders.entries()) {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const started = performance.now();
      await once();
      times[index]?.push(performance.now() - started);
    }
  }
  for (const [index, [name]] of contenders.entries()) {
    const sorted = (times[index] ?? []).sort((a, b) => a - b);
    console.log(
      `${name.padEnd(26)} latency  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} ms   (${runs} runs)`,
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
    `${name.padEnd(26)} throughput ${(CONCURRENT_RUNS / seconds).toFixed(2).padStart(6)} runs/s at concurrency ${CONCURRENCY} (${CONCURRENT_RUNS} runs)`,
  );
}

/** A container kept running, for the raw `docker exec` baseline. */
const execTarget = await docker.createContainer({
  Image: config.sandboxImage,
  Cmd: ["sleep", "infinity"],
  Labels: ownershipLabels("probe"),
  NetworkDisabled: true,
  HostConfig: { NetworkMode: "none" },
});
await execTarget.start();

async function viaRawExec(): Promise<void> {
  const exec = await execTarget.exec({
    Cmd: ["python3", "-c", HELLO.PYTHON as string],
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  await new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
    stream.resume();
  });
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) throw new Error(`raw exec exited ${ExitCode}`);
}

/**
 * The delay from a program's write to its arrival at a graphql-ws subscriber: the program prints
 * its clock (the host's), sleeps a second, and prints it again; the second line is the steady case.
 */
async function firstChunk(server: { url: string; adminKey: string }, runs: number): Promise<void> {
  const client = createClient({
    url: server.url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${server.adminKey}` },
  });
  const delays: { first: number[]; second: number[] } = { first: [], second: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const lines: number[] = [];
      let text = "";
      await new Promise<void>((resolve, reject) => {
        client.subscribe<{ run: { __typename: string; data?: string } }>(
          {
            query: `subscription ($input: ExecuteInput!) { run(input: $input) { __typename ... on LogChunk { data } } }`,
            variables: {
              input: {
                language: "PYTHON",
                code: "import time\nprint(time.time() * 1000, flush=True)\ntime.sleep(1)\nprint(time.time() * 1000, flush=True)",
              },
            },
          },
          {
            next: ({ data }) => {
              const arrived = Date.now();
              // A line may come in more than one chunk: it counts when its end arrives.
              text += data?.run.data ?? "";
              const complete = text.split("\n");
              text = complete.pop() ?? "";
              for (const line of complete) lines.push(arrived - Number(line));
            },
            error: reject,
            complete: resolve,
          },
        );
      });
      delays.first.push(lines[0] ?? Number.NaN);
      delays.second.push(lines[1] ?? Number.NaN);
    }
  } finally {
    await client.dispose();
  }
  for (const [which, values] of Object.entries(delays)) {
    const sorted = values.sort((a, b) => a - b);
    console.log(
      `${`first chunk, ${which} line`.padEnd(26)} delay    p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} ms   (${runs} runs)`,
    );
  }
}

/** Memory of a data folder's idle containers of one purpose, from each container's cgroup (via the engine). */
async function idleMemory(dataDir: string, purpose: string): Promise<void> {
  const label = [`${STORE_LABEL}=${storeLabelValue(dataDir)}`, `${PURPOSE_LABEL}=${purpose}`];
  const containers = await docker.listContainers({ filters: { label } });
  let rss = 0;
  let usage = 0;
  for (const container of containers) {
    // One taken by a run (or replaced) since the listing is gone: it is simply not counted.
    const stats = (await docker
      .getContainer(container.Id)
      .stats({ stream: false })
      .catch(() => null)) as
      | (Dockerode.ContainerStats & { memory_stats: { usage?: number; stats?: { rss?: number; total_rss?: number } } })
      | null;
    if (!stats) continue;
    rss += stats.memory_stats.stats?.total_rss ?? stats.memory_stats.stats?.rss ?? 0;
    usage += stats.memory_stats.usage ?? 0;
  }
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `idle ${purpose} containers: ${containers.length}, RSS ${mib(rss)} MiB in all (${mib(rss / Math.max(1, containers.length))} each), cgroup usage with page cache ${mib(usage)} MiB`,
  );
}

try {
  await latency([
    ["raw dockerode cold", () => viaRawDockerode()],
    ["raw docker exec", viaRawExec],
    ...Object.keys(HELLO).flatMap((language): [string, () => Promise<void>][] => [
      [`${language} pooled`, viaGraphQL(pooled, language)],
      [`${language} cold`, viaGraphQL(cold, language)],
    ]),
  ]);
  // What collecting usage costs: two pooled servers alike but for EXEC_USAGE, Python only, in turns,
  // with a pause before each run in which the pools refill (back to back, a pool of 2 drains).
  await latency(
    [
      ["PYTHON pooled, usage on", viaGraphQL(pooled)],
      ["PYTHON pooled, usage off", viaGraphQL(pooledWithoutUsage)],
    ],
    RUNS,
    400,
  );
  // Isolation: hello under runc (STANDARD) and gVisor's runsc (STRONG), pooled and cold, beside a
  // raw dockerode run under each runtime.
  await latency([
    ["raw dockerode cold, runc", () => viaRawDockerode("runc")],
    ["raw dockerode cold, runsc", () => viaRawDockerode("runsc")],
    ["PYTHON pooled, runc", viaGraphQL(pooled, "PYTHON", "STANDARD")],
    ["PYTHON pooled, runsc", viaGraphQL(pooled, "PYTHON", "STRONG")],
    ["PYTHON cold, runc", viaGraphQL(cold, "PYTHON", "STANDARD")],
    ["PYTHON cold, runsc", viaGraphQL(cold, "PYTHON", "STRONG")],
  ]);
  await idleMemory(pooled.dataDir, "execution");
  await idleMemory(pooled.dataDir, "compiler");
  await firstChunk(pooled, 10);
  // Without a container, where a millisecond would show: what a key, armor and quotas cost a request.
  const policyQuery = (url: string, key: string | null) => async () => {
    const { data } = await graphql(url, key, "{ executionPolicy { maxConcurrency } }", {});
    if (!data) throw new Error("executionPolicy failed");
  };
  await latency(
    [
      ["query, user key", policyQuery(cold.url, userKey)],
      ["query, AUTH=off", policyQuery(open.url, null)],
    ],
    500,
  );
  // The CLI as a user runs it: the compiled entry point, a new process each time.
  const cli =
    (...args: string[]) =>
    async () => {
      await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, "bin", "mcp-docker-executor.js"), ...args], {
        env: { ...process.env, MCP_EXECUTOR_URL: pooled.url, DATA_DIR: pooled.dataDir },
      });
    };
  await latency(
    [
      ["CLI --version", cli("--version")],
      ["CLI exec python", cli("exec", "python", "print(1)")],
    ],
    10,
  );
  await throughput("raw dockerode cold", viaRawDockerode);
  await throughput("GraphQL execute pooled", viaGraphQL(pooled));
  await throughput("GraphQL execute cold", viaGraphQL(cold));
} finally {
  await execTarget.remove({ force: true });
  for (const server of [pooled, pooledWithoutUsage, cold, open]) {
    await server.app.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  }
}
