/** The sandbox pool: runs that found a ready container (hits) or had to start one (misses), and the idle ones. */
import { Counter, Gauge, type Registry } from "prom-client";

/** What the pool reports when a run asks it for a container and pooling applies to that run. */
export interface PoolObserver {
  hit(): void;
  miss(): void;
}

export function poolMetrics(registry: Registry) {
  const registers = [registry];
  const hits = new Counter({
    name: "mde_pool_hits_total",
    help: "Runs that took a ready pooled sandbox.",
    registers,
  });
  const misses = new Counter({
    name: "mde_pool_misses_total",
    help: "Runs whose profile is pooled but found no ready sandbox, and started their own container.",
    registers,
  });
  let idle: () => number = () => 0;
  new Gauge({
    name: "mde_pool_idle_sandboxes",
    help: "Pooled sandboxes started and waiting for a run now.",
    registers,
    collect() {
      this.set(idle());
    },
  });
  const observer: PoolObserver = { hit: () => hits.inc(), miss: () => misses.inc() };
  return {
    observer,
    /** Where the idle gauge reads its value at each scrape. */
    readIdle(source: () => number): void {
      idle = source;
    },
  };
}
