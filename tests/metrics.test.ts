/**
 * /metrics and the health detail through the real server on loopback: who may read them, that the
 * text is the Prometheus format with the metrics we name, and (with the real Docker engine) that
 * executions and the pool move their counters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Exposition, parsePrometheusText, sampleSum } from "./support/prometheus-text.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const metricsUrl = (server: TestServer) => new URL("/metrics", server.url);

async function scrape(server: TestServer, key: string | null = server.adminKey): Promise<Exposition> {
  const response = await fetch(metricsUrl(server), { headers: key === null ? {} : server.authHeaders(key) });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

const RESOURCES = `query HealthDetail { health { ok resources {
  executionsQueued executionsRunning
  dataDir { bytes measuredAt }
  dockerDisk { imagesBytes containersBytes buildCacheBytes volumesBytes measuredAt } } } }`;

interface Resources {
  executionsQueued: number;
  executionsRunning: number;
  dataDir: { bytes: number; measuredAt: string } | null;
  dockerDisk: { imagesBytes: number; measuredAt: string } | null;
}

async function resourcesAs(server: TestServer, key: string): Promise<Resources | null> {
  const { data, errors } = await server.request<{ health: { resources: Resources | null } }>(RESOURCES, {}, { key });
  expect(errors).toBeUndefined();
  return data?.health.resources ?? null;
}

describe("/metrics", () => {
  let server: TestServer;
  let open: TestServer;
  let userKey: string;

  beforeAll(async () => {
    server = await startTestServer();
    open = await startTestServer({ METRICS_AUTH: "off" });
    userKey = (await server.createKey({ name: "metrics-user", role: "user" })).key;
  });
  afterAll(async () => {
    await server?.stop();
    await open?.stop();
  });

  it("refuses no key (401) and a user key (403), as JSON errors with their codes", async () => {
    const none = await fetch(metricsUrl(server));
    expect(none.status).toBe(401);
    expect((await none.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const wrong = await fetch(metricsUrl(server), { headers: server.authHeaders("mde_not-a-key") });
    expect(wrong.status).toBe(401);
    const user = await fetch(metricsUrl(server), { headers: server.authHeaders(userKey) });
    expect(user.status).toBe(403);
    const body = await user.json();
    expect(body.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(body.errors[0].message).toContain("admin key");
  });

  it("serves the Prometheus text format to the admin key, with the process's own metrics", async () => {
    const exposition = await scrape(server);
    const expected = {
      process_cpu_seconds_total: "counter",
      process_resident_memory_bytes: "gauge",
      nodejs_eventloop_lag_seconds: "gauge",
      nodejs_heap_size_used_bytes: "gauge",
      mde_executions_total: "counter",
      mde_execution_duration_seconds: "histogram",
      mde_execution_queue_wait_seconds: "histogram",
      mde_pool_hits_total: "counter",
      mde_pool_misses_total: "counter",
      mde_image_builds_total: "counter",
      mde_package_install_duration_seconds: "histogram",
      mde_docker_api_errors_total: "counter",
    };
    expect(Object.fromEntries(Object.keys(expected).map((name) => [name, exposition.types.get(name)]))).toEqual(
      expected,
    );
    expect(sampleSum(exposition, "mde_executions_queued")).toBe(0);
    expect(sampleSum(exposition, "mde_executions_running")).toBe(0);
    expect(exposition.samples.some((sample) => sample.name === "mde_pool_idle_sandboxes")).toBe(true);
  });

  it("times GraphQL operations by name and type", async () => {
    const { data } = await server.request<{ health: { version: string } }>("query MetricsProbe { health { version } }");
    expect(data?.health.version).toBeTruthy();
    await server.request("{ __typename }");
    const exposition = await scrape(server);
    expect(exposition.types.get("mde_graphql_operation_duration_seconds")).toBe("histogram");
    const probe = { operationName: "MetricsProbe", operationType: "query" };
    expect(sampleSum(exposition, "mde_graphql_operation_duration_seconds_count", probe)).toBeGreaterThanOrEqual(1);
    expect(sampleSum(exposition, "mde_graphql_operations_total", probe)).toBeGreaterThanOrEqual(1);
    expect(
      sampleSum(exposition, "mde_graphql_operation_duration_seconds_count", { operationName: "Anonymous" }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleSum(exposition, "mde_graphql_http_duration_seconds_count", probe)).toBeGreaterThanOrEqual(1);
    // No request URL among the labels: a GET may carry ?token=KEY.
    expect(exposition.samples.some((sample) => "url" in sample.labels)).toBe(false);
  });

  it("with METRICS_AUTH=off serves without a key, and the rest of the server still needs one", async () => {
    const exposition = await scrape(open, null);
    expect(exposition.types.get("process_cpu_seconds_total")).toBe("counter");
    const graphql = await fetch(open.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ health { ok } }" }),
    });
    expect(graphql.status).toBe(401);
  });
});

describe("health detail", () => {
  let server: TestServer;
  let userKey: string;

  beforeAll(async () => {
    server = await startTestServer();
    userKey = (await server.createKey({ name: "health-user", role: "user" })).key;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("shows an admin the queue and the data folder's size (measured in the background)", async () => {
    const first = await resourcesAs(server, server.adminKey);
    expect(first).toMatchObject({ executionsQueued: 0, executionsRunning: 0 });
    const measured = await waitFor(async () => (await resourcesAs(server, server.adminKey))?.dataDir, {
      timeoutMs: 10_000,
      what: "the data folder's first measurement",
    });
    // At least the database and the admin key are there.
    expect(measured.bytes).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(measured.measuredAt))).toBe(false);
    const exposition = await scrape(server);
    expect(sampleSum(exposition, "mde_data_dir_bytes")).toBeGreaterThan(0);
  });

  it("gives a user key null, with no error, and the rest of health as usual", async () => {
    expect(await resourcesAs(server, userKey)).toBeNull();
    const { data } = await server.request<{ health: { ok: boolean } }>("{ health { ok } }", {}, { key: userKey });
    expect(typeof data?.health.ok).toBe("boolean");
  });
});

describe("metrics of real runs (Docker)", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: "2" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const EXECUTE = "mutation Run($input: ExecuteInput!) { execute(input: $input) { status exitCode } }";

  it("counts executions by language and status, times them, and counts pool hits", async () => {
    // The pool is warm once both sandboxes of the default profile are ready.
    await waitFor(async () => sampleSum(await scrape(server), "mde_pool_idle_sandboxes") >= 2, {
      timeoutMs: 60_000,
      what: "two idle pooled sandboxes",
    });
    const before = await scrape(server);
    const succeeded = { language: "PYTHON", status: "SUCCEEDED" };
    const failed = { language: "BASH", status: "FAILED" };
    const ok = await server.request<{ execute: { status: string } }>(EXECUTE, {
      input: { language: "PYTHON", code: "print('metrics')" },
    });
    expect(ok.data?.execute.status).toBe("SUCCEEDED");
    const bad = await server.request<{ execute: { status: string } }>(EXECUTE, {
      input: { language: "BASH", code: "exit 3" },
    });
    expect(bad.data?.execute.status).toBe("FAILED");
    const after = await scrape(server);

    const delta = (name: string, labels: Record<string, string> = {}) =>
      sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(delta("mde_executions_total", succeeded)).toBe(1);
    expect(delta("mde_executions_total", failed)).toBe(1);
    expect(delta("mde_execution_duration_seconds_count", { language: "PYTHON" })).toBe(1);
    expect(delta("mde_execution_duration_seconds_count")).toBe(2);
    expect(delta("mde_execution_duration_seconds_sum")).toBeGreaterThan(0);
    expect(delta("mde_execution_queue_wait_seconds_count")).toBe(2);
    expect(delta("mde_pool_hits_total") + delta("mde_pool_misses_total")).toBe(2);
    expect(delta("mde_pool_hits_total")).toBeGreaterThanOrEqual(1);
    expect(sampleSum(after, "mde_executions_running")).toBe(0);
    expect(delta("mde_graphql_operations_total", { operationName: "Run", operationType: "mutation" })).toBe(2);
  });

  it("shows an admin Docker's disk use, in the health detail and as gauges", async () => {
    const disk = await waitFor(async () => (await resourcesAs(server, server.adminKey))?.dockerDisk, {
      timeoutMs: 30_000,
      what: "Docker's disk use to be measured",
    });
    // The sandbox image is there, so its layers take room.
    expect(disk.imagesBytes).toBeGreaterThan(0);
    const exposition = await scrape(server);
    // The same cached figures (a newer measurement may have landed in between).
    expect(sampleSum(exposition, "mde_docker_disk_bytes", { kind: "images" })).toBeGreaterThan(0);
    expect(
      exposition.samples.filter((sample) => sample.name === "mde_docker_disk_bytes").map((s) => s.labels.kind),
    ).toEqual(["images", "containers", "build_cache", "volumes"]);
  });
});
