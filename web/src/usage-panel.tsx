/**
 * What a run used: a live sparkline of memory and CPU from executionUsage while it runs (about four
 * samples a second), and the final figures once it has ended (Execution.usage).
 */
import { useEffect, useState } from "preact/hooks";
// The server's own domain type: the page reads Execution.usage as the API gives it.
import type { ResourceUsage } from "../../src/domain/usage";
import { wsClient } from "./graphql";

export type { ResourceUsage };

interface Sample {
  memoryBytes: number;
  cpuPercent: number;
}

const SAMPLES = `subscription Usage($id: ID!) { executionUsage(id: $id) { memoryBytes cpuPercent } }`;
/** About 30 s of samples. */
const KEPT = 120;
const MIB = 1024 * 1024;

const mib = (bytes: number | null) => (bytes === null ? "—" : `${(bytes / MIB).toFixed(1)} MiB`);
const kib = (bytes: number | null) => (bytes === null ? "—" : `${(bytes / 1024).toFixed(0)} KiB`);
const plain = (value: number | null, unit = "") => (value === null ? "—" : `${value}${unit}`);

/** Samples of a running execution; a restarted subscription (after a reconnect) simply goes on. */
function useUsageSamples(id: string | null, running: boolean): Sample[] {
  const [samples, setSamples] = useState<Sample[]>([]);
  useEffect(() => {
    setSamples([]);
    if (!id || !running) return;
    return wsClient.subscribe<{ executionUsage: Sample }>(
      { query: SAMPLES, variables: { id } },
      {
        next: ({ data }) => {
          const sample = data?.executionUsage;
          if (sample) setSamples((previous) => [...previous.slice(-(KEPT - 1)), sample]);
        },
        // Usage is a side view: the output's own stream reports trouble with the execution.
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }, [id, running]);
  return samples;
}

function points(values: number[], top: number): string {
  const step = values.length > 1 ? 100 / (values.length - 1) : 0;
  return values.map((value, index) => `${(index * step).toFixed(2)},${(30 - (value / top) * 28).toFixed(2)}`).join(" ");
}

function Sparkline({ samples }: { samples: Sample[] }) {
  const memory = samples.map((sample) => sample.memoryBytes);
  const cpu = samples.map((sample) => sample.cpuPercent);
  const peak = Math.max(...memory, 1);
  return (
    <svg
      class="sparkline"
      viewBox="0 0 100 32"
      preserveAspectRatio="none"
      role="img"
      aria-label={`Memory and CPU over time: memory now ${mib(memory.at(-1) ?? null)}, peak ${mib(peak)}, CPU now ${Math.round(cpu.at(-1) ?? 0)}%`}
    >
      <polyline class="memory" points={points(memory, peak)} />
      <polyline class="cpu" points={points(cpu, Math.max(100, ...cpu))} />
    </svg>
  );
}

export function UsagePanel({
  id,
  running,
  usage,
}: {
  id: string | null;
  running: boolean;
  usage: ResourceUsage | null;
}) {
  const samples = useUsageSamples(id, running);
  if (running) return samples.length > 1 ? <Sparkline samples={samples} /> : null;
  if (!usage) return null;
  const figures: [string, string][] = [
    ["Peak memory", mib(usage.peakMemoryBytes)],
    ["CPU time", plain(usage.cpuTimeMs, " ms")],
    ["Wall time", plain(usage.wallTimeMs, " ms")],
    ["Processes", plain(usage.maxPids)],
    ["Block I/O read", kib(usage.blockReadBytes)],
    ["Block I/O written", kib(usage.blockWriteBytes)],
  ];
  return (
    <dl class="usage" aria-label="Resource usage">
      {figures.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
