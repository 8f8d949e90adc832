/**
 * An execution's record and its event log, changed only here: every status change is checked
 * against the state machine (QUEUED → RUNNING → a final status, or QUEUED → a final status when
 * it never ran) and recorded as a STATUS event; every output chunk is a LOG event. Events are
 * numbered 1, 2, 3 … per execution, so a follower resumes after the last seq it saw.
 */
import type { SandboxRunResult } from "../../domain/engine.js";
import type { Execution, ExecutionEvent, ExecutionStatus, OutputStream } from "../../domain/execution.js";
import { isFinalStatus } from "../../domain/execution.js";
import type { ResourceUsage } from "../../domain/usage.js";
import type { ExecutionStore } from "../../store/execution-store.js";
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
  open(execution: Execution): void;
  emit(executionId: string, event: EventContent): void;
  /** Moves the execution to `status` (with the fields that change with it); throws on a move the machine forbids. */
  transition(execution: Execution, status: ExecutionStatus, patch?: Partial<Execution>): void;
  /** Changes fields of the record that are no status (a queued run's image, replaced by an install). */
  record(execution: Execution, patch: Partial<Omit<Execution, "status">>): void;
  /** Ends the execution: the output's last pieces, then its final status with the output and the times. */
  finish(
    execution: Execution,
    status: ExecutionStatus,
    output: OutputCollector,
    outcome: { exitCode: number | null; error: string | null; usage?: ResourceUsage | null },
  ): void;
}

export function createExecutionLog(deps: {
  store: ExecutionStore;
  notifier: LogNotifier;
  live: LiveExecutions;
}): ExecutionLog {
  const { store, notifier, live } = deps;

  function emit(executionId: string, event: EventContent): void {
    // A live execution numbers its own events; one that is not live here (a recovery) reads its last seq.
    const seq = live.get(executionId)?.nextSeq() ?? store.lastEventSeq(executionId) + 1;
    store.appendEvent({ ...event, executionId, seq, at: new Date() } as ExecutionEvent);
    notifier.notify(executionId);
  }

  function transition(execution: Execution, status: ExecutionStatus, patch: Partial<Execution> = {}): void {
    if (!canTransition(execution.status, status)) {
      throw new Error(`execution ${execution.id} cannot go from ${execution.status} to ${status}`);
    }
    Object.assign(execution, patch, { status });
    store.update(execution.id, { ...patch, status });
    emit(execution.id, { kind: "STATUS", status });
  }

  return {
    open(execution) {
      store.insert(execution);
      emit(execution.id, { kind: "STATUS", status: execution.status });
    },
    emit,
    transition,
    record(execution, patch) {
      Object.assign(execution, patch);
      store.update(execution.id, patch);
    },
    finish(execution, status, output, { exitCode, error, usage = null }) {
      const { stdout, stderr, rest } = output.finish();
      for (const { stream, data } of rest) emit(execution.id, { kind: "LOG", stream, data });
      const finishedAt = new Date();
      transition(execution, status, {
        exitCode,
        stdout,
        stderr,
        outputTruncated: output.truncated,
        error,
        finishedAt,
        durationMs: execution.startedAt ? finishedAt.getTime() - execution.startedAt.getTime() : null,
        usage,
      });
    },
  };
}
