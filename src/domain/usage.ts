/** What a run used, from its container's cgroup: the final figures, and live samples while it runs. */
import { z } from "zod";

/** The final figures; a figure the engine does not account is null. */
export const resourceUsageSchema = z.object({
  /** The most memory the container's cgroup held at once, in bytes (page cache included, as the limit counts it). */
  peakMemoryBytes: z.number().nullable(),
  /** CPU time, user and system, of every process in the container, in milliseconds. */
  cpuTimeMs: z.number().int().nullable(),
  /** From the program's start to its end (or to the kill), in milliseconds. */
  wallTimeMs: z.number().int().nullable(),
  /** The most processes and threads alive at once. */
  maxPids: z.number().int().nullable(),
  /** Block device reads and writes, in bytes, where the engine accounts them (tmpfs writes are memory). */
  blockReadBytes: z.number().nullable(),
  blockWriteBytes: z.number().nullable(),
});
export type ResourceUsage = z.infer<typeof resourceUsageSchema>;

export interface UsageSample {
  at: Date;
  /** CPU used since the previous sample, as a percentage of one CPU (200 is two CPUs busy). */
  cpuPercent: number;
  memoryBytes: number;
  pids: number;
}

/** One line for people and models: "9.8 MiB peak memory, 21 ms CPU, 25 ms wall, 2 processes". */
export function describeUsage(
  usage: Pick<ResourceUsage, "peakMemoryBytes" | "cpuTimeMs" | "wallTimeMs" | "maxPids">,
): string {
  const parts = [
    usage.peakMemoryBytes === null ? null : `${(usage.peakMemoryBytes / 1024 / 1024).toFixed(1)} MiB peak memory`,
    usage.cpuTimeMs === null ? null : `${usage.cpuTimeMs} ms CPU`,
    usage.wallTimeMs === null ? null : `${usage.wallTimeMs} ms wall`,
    usage.maxPids === null ? null : `${usage.maxPids} processes`,
  ];
  return parts.filter((part) => part !== null).join(", ");
}
