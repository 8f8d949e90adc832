/** The server process itself: CPU, memory, heap, event-loop lag, handles and GC (prom-client's default metrics). */
import { collectDefaultMetrics, type Registry } from "prom-client";

export function processMetrics(registry: Registry): void {
  // Standard names (process_cpu_seconds_total, nodejs_eventloop_lag_seconds, ...), unprefixed, so
  // that the usual Node.js dashboards and alerts read them as they are.
  collectDefaultMetrics({ register: registry });
}
