/** The limits of one execution, and the server's policy for them: defaults, maxima, concurrency. */

export interface Limits {
  /** Wall-clock time, in milliseconds. */
  timeoutMs: number;
  /** Memory in MiB; swap equals memory. */
  memoryMb: number;
  cpus: number;
  /** Processes and threads. */
  pids: number;
  network: boolean;
  /** stdout and stderr together, in bytes. */
  outputLimitBytes: number;
}

/** Limits as a request gives them: any field may be left out (or null) for the server's default. */
export type LimitsRequest = { [K in keyof Limits]?: Limits[K] | null };

/** Defaults and maxima of execution limits, and how many executions run at once. */
export interface ExecutionPolicy {
  defaults: Limits;
  maxima: Omit<Limits, "network">;
  /** Whether a request may turn the network on. */
  networkAllowed: boolean;
  maxCodeBytes: number;
  maxConcurrency: number;
}
