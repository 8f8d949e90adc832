/**
 * An execution's record and its event log, changed only here: every status change is checked
 * against the state machine (QUEUED → RUNNING → a final status, or QUEUED → a final status when
 * it never ran) and recorded as a STATUS event; every output chunk is a LOG event. Events are
 * numbered 1, 2, 3 … per execution, so a follower resumes after the last seq it saw.
 *
 * The store is asynchronous, and output does not wait for it: an execution's writes go through one
 * queue, so its events are stored in seq order, and a final status (stored with its STATUS event,
 * in one transaction) lands after every output event before it. A follower that reads the final
 * status has every event, and followers are woken only once what they would read is stored.
 */
import type { SandboxRunResult } from "../../domain/engine.js";
import type { Execution, ExecutionEvent, ExecutionStatus, OutputStream } from "../../domain/execution.js";
import { isFinalStatus } from "../../domain/execution.js";
import type { ResourceUsage } from "../../domain/usage.js";
import type { Logger } from "../../logger.js";
import type { ExecutionStore } from "../../store/execution-store.js";
import { createKeyedQueue } from "../lib/keyed-queue.js";
import type { LogNotifier } from "../lib/log-follower.js";
import type { LiveExecutions } from "./live-execution.js";
import type { OutputCollector } from "./output-collector.js";

/** What an event says; the log adds the execution id, its seq and the time. */
export type EventContent =
  | { kind: "LOG"; stream: OutputStream; data: string }
  | { kind: "STATUS"; status: ExecutionStatus };

/** Whether an execution may go from one status to another. */
export function canTransition(from: ExecutionStatus, to: ExecutionStatus): boolean {
  if (from === "QUEUED") return to !== "QUEUED";
  if (from === "RUNNING") return isFinalStatus(to);
  return false;
}

/** The status a sandbox's outcome gives, or ERROR for a run stopped by a shutdown. */
export function statusOf(result: SandboxRunResult, stoppedBy: "cancelled" | "shutdown" | undefined): ExecutionStatus {
  if (result.outcome === "CANCELLED" && stoppedBy === "shutdown") return "ERROR";
  if (result.outcome === "EXITED") return result.exitCode === 0 ? "SUCCEEDED" : "FAILED";
  return result.outcome;
}

export interface ExecutionLog {
  /** Records a new execution (QUEUED) and its first event. */
  open(execution: Execution): Promise<void>;
  /**
   * Appends a chunk of output, numbered now and stored in its turn: output does not wait for the
   * store. A chunk that cannot be stored is logged (the record's stdout and stderr still have it).
   */
  output(executionId: string, stream: OutputStream, data: string): void;
  /**
   * Moves the execution to `status` (with the fields that change with it): the record in memory at
   * once, the store once the writes before it have landed; throws on a move the machine forbids.
   */
  transition(execution: Execution, status: ExecutionStatus, patch?: Partial<Execution>): Promise<void>;
  /** Changes fields of the record that are no status (a queued run's image, replaced by an install). */
  record(execution: Execution, patch: Partial<Omit<Execution, "status">>): Promise<void>;
  /** Ends the execution: the output's last pieces, then its final status with the output and the times. */
  finish(
    execution: Execution,
    status: ExecutionStatus,
    output: OutputCollector,
    outcome: { exitCode: number | null; error: string | null; usage?: ResourceUsage | null },
  ): Promise<void>;
}

export function createExecutionLog(deps: {
  store: ExecutionStore;
  notifier: LogNotifier;
  live: LiveExecutions;
  logger: Logger;
}): ExecutionLog {
  const { store, notifier, live, logger } = deps;
  const writes = createKeyedQueue();

  /** Runs a write of the execution's after the ones before it, then wakes its followers. */
  async function write(executionId: string, work: () => Promise<void>): Promise<void> {
    await writes.enqueue(executionId, work);
    notifier.notify(executionId);
  }

  /**
   * The event with its seq: a live execution numbers its own at once (so seqs follow the order of
   * the calls); one that is not live here (a recovery) reads its last seq, in its turn.
   */
  function numbered(executionId: string, event: EventContent): () => Promise<ExecutionEvent> {
    const seq = live.get(executionId)?.nextSeq();
    return async () =>
      ({
        ...event,
        executionId,
        seq: seq ?? (await store.lastEventSeq(executionId)) + 1,
        at: new Date(),
      }) as ExecutionEvent;
  }

  function output(executionId: string, stream: OutputStream, data: string): void {
    const next = numbered(executionId, { kind: "LOG", stream, data });
    write(executionId, async () => store.appendEvent(await next())).catch((error: unknown) =>
      logger.warn("could not store an output chunk of an execution", { executionId, error: String(error) }),
    );
  }

  // Async so that a forbidden move rejects; everything before the write happens at the call.
  async function transition(
    execution: Execution,
    status: ExecutionStatus,
    patch: Partial<Execution> = {},
  ): Promise<void> {
    if (!canTransition(execution.status, status)) {
      throw new Error(`execution ${execution.id} cannot go from ${execution.status} to ${status}`);
    }
    Object.assign(execution, patch, { status });
    const next = numbered(execution.id, { kind: "STATUS", status });
    await write(execution.id, async () => store.update(execution.id, { ...patch, status }, await next()));
  }

  return {
    open(execution) {
      const next = numbered(execution.id, { kind: "STATUS", status: execution.status });
      return write(execution.id, async () => store.insert(execution, await next()));
    },
    output,
    transition,
    record(execution, patch) {
      Object.assign(execution, patch);
      return write(execution.id, () => store.update(execution.id, patch));
    },
    async finish(execution, status, collected, { exitCode, error, usage = null }) {
      const { stdout, stderr, rest } = collected.finish();
      // Queued before the final status, so stored before it.
      for (const { stream, data } of rest) output(execution.id, stream, data);
      const finishedAt = new Date();
      await transition(execution, status, {
        exitCode,
        stdout,
        stderr,
        outputTruncated: collected.truncated,
        error,
        finishedAt,
        durationMs: execution.startedAt ? finishedAt.getTime() - execution.startedAt.getTime() : null,
        usage,
      });
    },
  };
}
