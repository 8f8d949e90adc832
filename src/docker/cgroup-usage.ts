/**
 * A container's resource use read from its cgroup by the server: live samples while it runs, and
 * the figures up to a kill (a killed runner reports nothing itself). Where the server shares the
 * engine's host, the cgroup files are read directly, several times a second if need be; for a
 * remote engine, Docker's stats API answers instead (about once a second). One code path per
 * cgroup version, chosen by what the engine reports.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ContainerUsageReader } from "../domain/engine.js";
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";

const CGROUP_ROOT = "/sys/fs/cgroup";

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

const firstNumber = (text: string | null) => (text === null ? null : Number(text.trim().split(/\s+/)[0]));

/** The value after `key` in a "key value" file (memory.stat, cpu.stat, memory.events). */
function keyed(text: string | null, key: string): number | null {
  const line = text?.split("\n").find((entry) => entry.startsWith(`${key} `));
  return line ? Number(line.split(" ")[1]) : null;
}

/** cgroup v1: one folder per controller, the container's under the driver's parent. */
function v1Reader(folderOf: (controller: string, id: string) => string): ContainerUsageReader {
  const file = (controller: string, id: string, name: string) => readText(join(folderOf(controller, id), name));
  return {
    async sample(id) {
      const [cpu, memory, pids] = await Promise.all([
        file("cpuacct", id, "cpuacct.usage"),
        file("memory", id, "memory.usage_in_bytes"),
        file("pids", id, "pids.current"),
      ]);
      if (cpu === null || memory === null) return null;
      return { cpuNs: firstNumber(cpu) ?? 0, memoryBytes: firstNumber(memory) ?? 0, pids: firstNumber(pids) ?? 0 };
    },
    async usage(id) {
      const [peak, cpu, pids, io] = await Promise.all([
        file("memory", id, "memory.max_usage_in_bytes"),
        file("cpuacct", id, "cpuacct.usage"),
        file("pids", id, "pids.peak"),
        file("blkio", id, "blkio.throttle.io_service_bytes"),
      ]);
      if (peak === null || cpu === null) return null;
      const sum = (op: string) =>
        (io ?? "")
          .split("\n")
          .map((line) => line.split(" "))
          .filter((fields) => fields[1] === op)
          .reduce((total, fields) => total + Number(fields[2]), 0);
      return {
        peakMemoryBytes: firstNumber(peak),
        cpuTimeMs: Math.floor((firstNumber(cpu) ?? 0) / 1e6),
        maxPids: firstNumber(pids),
        blockReadBytes: sum("Read"),
        blockWriteBytes: sum("Write"),
      };
    },
  };
}

/** cgroup v2: one folder per container. */
function v2Reader(folderOf: (id: string) => string): ContainerUsageReader {
  const file = (id: string, name: string) => readText(join(folderOf(id), name));
  return {
    async sample(id) {
      const [cpu, memory, pids] = await Promise.all([
        file(id, "cpu.stat"),
        file(id, "memory.current"),
        file(id, "pids.current"),
      ]);
      if (cpu === null || memory === null) return null;
      return {
        cpuNs: (keyed(cpu, "usage_usec") ?? 0) * 1000,
        memoryBytes: firstNumber(memory) ?? 0,
        pids: firstNumber(pids) ?? 0,
      };
    },
    async usage(id) {
      const [peak, cpu, pids, io] = await Promise.all([
        file(id, "memory.peak"),
        file(id, "cpu.stat"),
        file(id, "pids.peak"),
        file(id, "io.stat"),
      ]);
      if (cpu === null) return null;
      const sum = (field: string) =>
        [...(io ?? "").matchAll(new RegExp(`\\b${field}=(\\d+)`, "g"))].reduce(
          (total, match) => total + Number(match[1]),
          0,
        );
      return {
        peakMemoryBytes: firstNumber(peak),
        cpuTimeMs: Math.floor((keyed(cpu, "usage_usec") ?? 0) / 1000),
        maxPids: firstNumber(pids),
        blockReadBytes: sum("rbytes"),
        blockWriteBytes: sum("wbytes"),
      };
    },
  };
}

interface EngineStats {
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; max_usage?: number };
  pids_stats?: { current?: number };
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
}

/** A remote engine: its stats API, one snapshot per call. */
function statsApiReader(docker: Docker): ContainerUsageReader {
  const stats = (id: string) =>
    withDocker(() => docker.getContainer(id).stats({ stream: false }) as Promise<EngineStats>).catch(() => null);
  return {
    async sample(id) {
      const snapshot = await stats(id);
      if (!snapshot) return null;
      return {
        cpuNs: snapshot.cpu_stats?.cpu_usage?.total_usage ?? 0,
        memoryBytes: snapshot.memory_stats?.usage ?? 0,
        pids: snapshot.pids_stats?.current ?? 0,
      };
    },
    async usage(id) {
      const snapshot = await stats(id);
      if (!snapshot) return null;
      const io = snapshot.blkio_stats?.io_service_bytes_recursive ?? [];
      const sum = (op: string) =>
        io.filter((entry) => entry.op === op).reduce((total, entry) => total + entry.value, 0);
      return {
        peakMemoryBytes: snapshot.memory_stats?.max_usage ?? snapshot.memory_stats?.usage ?? null,
        cpuTimeMs: Math.floor((snapshot.cpu_stats?.cpu_usage?.total_usage ?? 0) / 1e6),
        maxPids: snapshot.pids_stats?.current ?? null,
        blockReadBytes: sum("Read"),
        blockWriteBytes: sum("Write"),
      };
    },
  };
}

/**
 * The reader for this engine: its cgroup files when they are on this host (the folder of the
 * engine's own parent exists here), its stats API otherwise.
 */
export async function createUsageReader(docker: Docker): Promise<ContainerUsageReader> {
  const info = (await withDocker(() => docker.info()).catch(() => null)) as {
    CgroupVersion?: string;
    CgroupDriver?: string;
  } | null;
  const systemd = info?.CgroupDriver === "systemd";
  if (info?.CgroupVersion === "2") {
    const folder = (id: string) => join(CGROUP_ROOT, systemd ? `system.slice/docker-${id}.scope` : `docker/${id}`);
    const parent = join(CGROUP_ROOT, systemd ? "system.slice" : "docker");
    if ((await readText(join(parent, "cgroup.procs"))) !== null) return v2Reader(folder);
  } else if (info) {
    const folder = (controller: string, id: string) =>
      join(CGROUP_ROOT, controller, systemd ? `system.slice/docker-${id}.scope` : `docker/${id}`);
    const parent = join(CGROUP_ROOT, "memory", systemd ? "system.slice" : "docker");
    if ((await readText(join(parent, "cgroup.procs"))) !== null) return v1Reader(folder);
  }
  return statsApiReader(docker);
}
