/**
 * The server's Prometheus metrics: one registry per server (tests run several in one process),
 * with one module per concept. Services get only the small observer interfaces; app.ts serves the
 * registry at /metrics and puts the GraphQL plugin on Yoga.
 */
import { Registry } from "prom-client";
import { diskMetrics } from "./disk.js";
import { dockerErrorMetrics } from "./docker-errors.js";
import { executionMetrics } from "./executions.js";
import { graphqlMetricsPlugin } from "./graphql.js";
import { jobMetrics } from "./jobs.js";
import { poolMetrics } from "./pool.js";
import { processMetrics } from "./process.js";

export type { ExecutionLoad, ExecutionObserver } from "./executions.js";
export type { JobObserver } from "./jobs.js";
export type { PoolObserver } from "./pool.js";

export function createMetrics() {
  const registry = new Registry();
  processMetrics(registry);
  return {
    registry,
    executions: executionMetrics(registry),
    pool: poolMetrics(registry),
    jobs: jobMetrics(registry),
    dockerErrors: dockerErrorMetrics(registry),
    disk: diskMetrics(registry),
    /** The Yoga plugin that measures GraphQL operations into this registry (made once per Yoga instance). */
    graphqlPlugin: () => graphqlMetricsPlugin(registry),
    /** The Prometheus text exposition of every metric, and its content type. */
    async scrape(): Promise<{ contentType: string; body: string }> {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
