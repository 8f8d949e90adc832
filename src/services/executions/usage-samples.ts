/**
 * Live usage of one execution: a sample about every 250 ms while it runs (its container's cgroup,
 * read by the server), then the final usage as the last sample, then the end. An execution that
 * has already ended yields its final usage alone.
 */
import { Repeater } from "@repeaterjs/repeater";
import type { ContainerUsageReader } from "../../domain/engine.js";
import type { ResourceUsage, UsageSample } from "../../domain/usage.js";

export const USAGE_SAMPLE_MS = 250;

export interface UsageSource {
  /** The container running it now, if any (none while queued, or between runs of a warm path). */
  containerId(): string | undefined;
  /** Null while it runs; afterwards its final usage (null inside when none was collected). */
  ended(): Promise<{ usage: ResourceUsage | null } | null>;
  reader: () => Promise<ContainerUsageReader>;
}

/** The final usage as a sample: the peak memory and processes, and the average CPU over the run. */
export function finalSample(usage: ResourceUsage, at: Date): UsageSample {
  const wall = usage.wallTimeMs ?? 0;
  return {
    at,
    cpuPercent: wall > 0 ? ((usage.cpuTimeMs ?? 0) / wall) * 100 : 0,
    memoryBytes: usage.peakMemoryBytes ?? 0,
    pids: usage.maxPids ?? 0,
  };
}

export function usageSamples(source: UsageSource): Repeater<UsageSample> {
  return new Repeater<UsageSample>(async (push, stop) => {
    let stopped = false;
    void stop.then(() => {
      stopped = true;
    });
    let previous: { cpuNs: number; at: number } | null = null;
    while (!stopped) {
      const ended = await source.ended();
      if (ended) {
        if (ended.usage) await push(finalSample(ended.usage, new Date()));
        break;
      }
      const containerId = source.containerId();
      if (containerId) {
        const sample = await (await source.reader()).sample(containerId);
        const now = performance.now();
        if (sample) {
          const cpuPercent = previous ? ((sample.cpuNs - previous.cpuNs) / 1e6 / (now - previous.at)) * 100 : 0;
          previous = { cpuNs: sample.cpuNs, at: now };
          await push({
            at: new Date(),
            cpuPercent: Math.max(0, cpuPercent),
            memoryBytes: sample.memoryBytes,
            pids: sample.pids,
          });
        }
      }
      await Promise.race([new Promise((resolve) => setTimeout(resolve, USAGE_SAMPLE_MS)), stop]);
    }
    stop();
  });
}
