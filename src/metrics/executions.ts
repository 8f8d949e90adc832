/** Executions: how many ended, by language and final status; how long they ran and waited; how many wait and run now. */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** What the execution service reports as its runs start and end. */
export interface ExecutionObserver {
  /** A run left the queue and started, after waiting this long. */
  started(language: string, queueWaitMs: number): void;
  /** A run ended with this final status; durationMs is null when it never started (cancelled while queued). */
  finished(language: string, status: string, durationMs: number | null): void;
}

export interface ExecutionLoad {
  queued: number;
  running: number;
}

/** Seconds: from a hello world in a warm sandbox (tens of ms) to the longest allowed run (minutes). */
const DURATION_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
/** Seconds: no wait at all, up to a queue that holds runs for minutes. */
const QUEUE_WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300];

export function executionMetrics(registry: Registry) {
  const registers = [registry];
  const total = new Counter({
    name: "mde_executions_total",
    help: "Executions that ended, by language and final status.",
    labelNames: ["language", "status"] as const,
    registers,
  });
  const duration = new Histogram({
    name: "mde_execution_duration_seconds",
    help: "Wall-clock time of executions from their start to their end, by language.",
    labelNames: ["language"] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const queueWait = new Histogram({
    name: "mde_execution_queue_wait_seconds",
    help: "Time executions waited in the queue for a place under EXEC_MAX_CONCURRENCY, by language.",
    labelNames: ["language"] as const,
    buckets: QUEUE_WAIT_BUCKETS,
    registers,
  });
  let load: () => ExecutionLoad = () => ({ queued: 0, running: 0 });
  new Gauge({
    name: "mde_executions_queued",
    help: "Executions waiting for a place under EXEC_MAX_CONCURRENCY now.",
    registers,
    collect() {
      this.set(load().queued);
    },
  });
  new Gauge({
    name: "mde_executions_running",
    help: "Executions running now.",
    registers,
    collect() {
      this.set(load().running);
    },
  });

  const observer: ExecutionObserver = {
    started(language, queueWaitMs) {
      queueWait.observe({ language }, Math.max(0, queueWaitMs) / 1000);
    },
    finished(language, status, durationMs) {
      total.inc({ language, status });
      if (durationMs !== null) duration.observe({ language }, Math.max(0, durationMs) / 1000);
    },
  };
  return {
    observer,
    /** Where the queued and running gauges read their values at each scrape. */
    readLoad(source: () => ExecutionLoad): void {
      load = source;
    },
  };
}
