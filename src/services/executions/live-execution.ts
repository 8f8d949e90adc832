/**
 * An execution queued or running on this server, as a handle with its lifecycle as methods (in
 * the spirit of testcontainers' StartedGenericContainer): what its container needs, the next seq
 * of its event log, the container it has once it has one, and stop(). The registry of them is what
 * recovery and retention leave alone, and what a shutdown stops.
 */
import type { WorkspaceFile } from "../../domain/engine.js";
import type { Execution } from "../../domain/execution.js";

/** Why a live execution was stopped: a cancel ends it CANCELLED, a shutdown ERROR. */
export type StopReason = "cancelled" | "shutdown";

/** What the container of a run needs, besides the record. */
export interface RunPlan {
  /** The program's own file first, then the stored files named by fileIds. */
  workspace: WorkspaceFile[];
  argv: string[];
  /** The version line it runs on (a resident compiler compiles for it). */
  runtimeLine: string;
}

export class LiveExecution {
  private readonly abort = new AbortController();
  private lastSeq = 0;
  /** Settles when the run has ended and its record is final. */
  done: Promise<void> = Promise.resolve();
  /** Its container, once it has one: containers carry no execution id, so the mapping lives here. */
  containerId?: string;

  constructor(
    readonly execution: Execution,
    readonly plan: RunPlan,
  ) {}

  get id(): string {
    return this.execution.id;
  }

  /** Aborts when the execution is stopped; the run kills its container then. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Why it was stopped, once it was. */
  get stopReason(): StopReason | undefined {
    return this.abort.signal.aborted ? (this.abort.signal.reason as StopReason) : undefined;
  }

  /** The seq of its next event: numbered here, with no read of the store per event. */
  nextSeq(): number {
    this.lastSeq += 1;
    return this.lastSeq;
  }

  /** Stops it (the first reason given wins) and resolves once its record is final. */
  stop(reason: StopReason): Promise<void> {
    if (!this.abort.signal.aborted) this.abort.abort(reason);
    return this.done;
  }
}

export interface LiveExecutions {
  add(live: LiveExecution): void;
  delete(id: string): void;
  get(id: string): LiveExecution | undefined;
  has(id: string): boolean;
  all(): LiveExecution[];
  /** The containers they run in now. */
  containerIds(): Set<string>;
}

export function createLiveExecutions(): LiveExecutions {
  const live = new Map<string, LiveExecution>();
  return {
    add: (entry) => void live.set(entry.id, entry),
    delete: (id) => void live.delete(id),
    get: (id) => live.get(id),
    has: (id) => live.has(id),
    all: () => [...live.values()],
    containerIds: () => new Set([...live.values()].flatMap((entry) => (entry.containerId ? [entry.containerId] : []))),
  };
}
