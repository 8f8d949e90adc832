/** What an execution used: the final figures on Execution.usage, and live samples while it runs. */
import type { ResourceUsage, UsageSample } from "../domain/usage.js";
import type { Builder } from "./builder.js";

export function usageTypes(builder: Builder) {
  const ResourceUsageRef = builder.objectRef<ResourceUsage>("ResourceUsage").implement({
    description:
      "What a run used, read from its container's cgroup by the runner after the program ended (or by the server before a timeout's or a cancel's kill). A figure the engine does not account is null.",
    fields: (t) => ({
      peakMemoryBytes: t.exposeFloat("peakMemoryBytes", {
        nullable: true,
        description:
          "The most memory the container held at once, in bytes, page cache included (as the memory limit counts it).",
      }),
      cpuTimeMs: t.exposeInt("cpuTimeMs", {
        nullable: true,
        description: "CPU time, user and system, of every process in the container, in milliseconds.",
      }),
      wallTimeMs: t.exposeInt("wallTimeMs", {
        nullable: true,
        description: "From the program's start to its end (or to the kill), in milliseconds.",
      }),
      maxPids: t.exposeInt("maxPids", {
        nullable: true,
        description: "The most processes and threads alive at once in the container (its runner included).",
      }),
      blockReadBytes: t.exposeFloat("blockReadBytes", {
        nullable: true,
        description: "Bytes read from block devices; reads served from memory or tmpfs do not count.",
      }),
      blockWriteBytes: t.exposeFloat("blockWriteBytes", {
        nullable: true,
        description:
          "Bytes written to block devices; /workspace and /tmp are tmpfs, so writes there count as memory instead.",
      }),
    }),
  });

  const UsageSampleRef = builder.objectRef<UsageSample>("UsageSample").implement({
    description:
      "One live sample of a running execution's container, about every 250 ms; the last sample of a subscription is the final usage.",
    fields: (t) => ({
      at: t.expose("at", { type: "DateTime", description: "When it was taken." }),
      cpuPercent: t.exposeFloat("cpuPercent", {
        description:
          "CPU used since the previous sample, in percent of one CPU (200 is two CPUs busy); in the final sample, the average over the run.",
      }),
      memoryBytes: t.exposeFloat("memoryBytes", {
        description: "Memory the container holds now, in bytes; in the final sample, the peak.",
      }),
      pids: t.exposeInt("pids", {
        description: "Processes and threads alive now; in the final sample, the most at once.",
      }),
    }),
  });

  return { ResourceUsageRef, UsageSampleRef };
}

export type UsageRefs = ReturnType<typeof usageTypes>;
