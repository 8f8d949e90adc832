/** The limits of one execution, and the server's policy for them: defaults, maxima, concurrency. */
import { z } from "zod";
import type { Isolation } from "./isolation.js";

/** The limits a run has (those it asked for, the server's defaults for the rest); see LIMIT_FIELDS. */
export type Limits = z.infer<typeof limitsSchema>;

/** Limits as a request gives them: any field may be left out (or null) for the server's default. */
export type LimitsRequest = { [K in keyof Limits]?: Limits[K] | null };

/** Defaults and maxima of execution limits, and how many executions run at once. */
export interface ExecutionPolicy {
  defaults: Limits;
  maxima: Omit<Limits, "network">;
  /** Whether a request may turn the network on. */
  networkAllowed: boolean;
  /** The isolation of runs that name none (SANDBOX_RUNTIME: runc is STANDARD, runsc STRONG). */
  defaultIsolation: Isolation;
  maxCodeBytes: number;
  maxConcurrency: number;
  /** Executions that may wait for a place at once, server-wide; past it requests are refused. */
  maxQueued: number;
}

/**
 * Each limit once: what it is, the settings that set its default and maximum, and their built-in
 * values. Config reads the settings with these fallbacks; GraphQL and MCP describe the fields from it.
 */
export const LIMIT_FIELDS = {
  timeoutMs: {
    what: "Wall-clock time limit, in milliseconds; past it the run is killed and ends TIMED_OUT.",
    setting: "EXEC_TIMEOUT_MS",
    builtIn: 10_000,
    maxSetting: "EXEC_MAX_TIMEOUT_MS",
    builtInMax: 300_000,
    integer: true,
  },
  memoryMb: {
    what: "Memory limit in MiB (swap equals memory); past it the run is killed and ends OOM_KILLED.",
    setting: "EXEC_MEMORY_MB",
    builtIn: 256,
    maxSetting: "EXEC_MAX_MEMORY_MB",
    builtInMax: 4096,
    integer: true,
  },
  cpus: {
    what: "CPU limit, in cores (fractions allowed, from 0.01).",
    setting: "EXEC_CPUS",
    builtIn: 1,
    maxSetting: "EXEC_MAX_CPUS",
    builtInMax: "the machine's cores",
    integer: false,
  },
  pids: {
    what: "Most processes and threads at once.",
    setting: "EXEC_PIDS",
    builtIn: 128,
    maxSetting: "EXEC_MAX_PIDS",
    builtInMax: 1024,
    integer: true,
  },
  outputLimitBytes: {
    what: "Bytes of stdout and stderr together that are kept; the rest is dropped and outputTruncated set.",
    setting: "EXEC_OUTPUT_BYTES",
    builtIn: 1024 * 1024,
    maxSetting: "EXEC_MAX_OUTPUT_BYTES",
    builtInMax: 16 * 1024 * 1024,
    integer: true,
  },
} as const;

export const NETWORK_FIELD = {
  what: "Whether the run may use the network.",
  setting: "EXEC_NETWORK",
  builtIn: false,
  allowedSetting: "EXEC_NETWORK_ALLOWED",
  builtInAllowed: true,
} as const;

/** A limit's number, whole where LIMIT_FIELDS says so. */
export const limitNumber = (field: keyof typeof LIMIT_FIELDS) =>
  LIMIT_FIELDS[field].integer ? z.number().int() : z.number();

export const limitsSchema = z.object({
  /** Wall-clock time, in milliseconds. */
  timeoutMs: limitNumber("timeoutMs"),
  /** Memory in MiB; swap equals memory. */
  memoryMb: limitNumber("memoryMb"),
  cpus: limitNumber("cpus"),
  /** Processes and threads. */
  pids: limitNumber("pids"),
  network: z.boolean(),
  /** stdout and stderr together, in bytes. */
  outputLimitBytes: limitNumber("outputLimitBytes"),
});
