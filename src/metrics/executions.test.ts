import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { executionMetrics } from "./executions.js";

async function values(
  registry: Registry,
  name: string,
): Promise<{ value: number; labels: object; metricName?: string }[]> {
  return (await registry.getSingleMetric(name)?.get())?.values ?? [];
}

describe("executionMetrics", () => {
  it("counts ends by language and status, times started runs only, and reads the load at each scrape", async () => {
    const registry = new Registry();
    const metrics = executionMetrics(registry);
    let load = { queued: 2, running: 1 };
    metrics.readLoad(() => load);
    metrics.observer.started("PYTHON", 1500);
    metrics.observer.finished("PYTHON", "SUCCEEDED", 250);
    // Cancelled while queued: counted, never timed.
    metrics.observer.finished("NODE", "CANCELLED", null);
    const totals = (await values(registry, "mde_executions_total")).map(({ labels, value }) => ({ ...labels, value }));
    expect(totals).toEqual([
      { language: "PYTHON", status: "SUCCEEDED", value: 1 },
      { language: "NODE", status: "CANCELLED", value: 1 },
    ]);
    const durations = await values(registry, "mde_execution_duration_seconds");
    expect(durations.find((sample) => sample.metricName?.endsWith("_count"))).toMatchObject({ value: 1 });
    expect(durations.find((sample) => sample.metricName?.endsWith("_sum"))).toMatchObject({ value: 0.25 });
    const waits = await values(registry, "mde_execution_queue_wait_seconds");
    expect(waits.find((sample) => sample.metricName?.endsWith("_sum"))).toMatchObject({ value: 1.5 });
    expect((await values(registry, "mde_executions_queued"))[0]?.value).toBe(2);
    load = { queued: 0, running: 3 };
    expect((await values(registry, "mde_executions_running"))[0]?.value).toBe(3);
  });
});
