/**
 * Following one execution, as a handle in the spirit of the e2b SDK's CommandHandle: the events
 * (those after a seq, then live ones, ending after the final status) as an async iterator, and the
 * run's lifecycle as methods: wait(), detach(), cancel(). A follower that leaves before the end
 * (return(), which is what graphql-ws and a closed SSE stream call) applies its detach choice: the
 * run goes on ("keep", e2b's disconnect()) or is cancelled ("cancel", e2b's kill()).
 *
 * The handle is an iterator of its own rather than a Repeater, because a consumer may leave before
 * its first next(): a Repeater's body would never run then, and nothing would see the leaving.
 */
import type { Execution, ExecutionEvent } from "../../domain/execution.js";

/** What a follower wants when it stops following before the end: the run goes on, or is cancelled. */
export type DetachChoice = "keep" | "cancel";

export interface FollowControl {
  /** Resolves with the record once the execution has ended. */
  wait(): Promise<Execution>;
  /** Cancels the execution; resolves with its final record. */
  cancel(): Promise<Execution>;
  /** Told when a "cancel" follower's leaving could not cancel the run. */
  onCancelFailed(error: unknown): void;
}

export class ExecutionFollower implements AsyncIterableIterator<ExecutionEvent> {
  /** True once the events have ended, or the follower has left: leaving again does nothing. */
  private finished = false;

  constructor(
    private readonly events: AsyncIterator<ExecutionEvent>,
    private readonly onDetach: DetachChoice,
    private readonly control: FollowControl,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ExecutionEvent>> {
    const result = await this.events.next();
    if (result.done) this.finished = true;
    return result;
  }

  /** Leaves the stream, with the follower's detach choice. */
  async return(value?: unknown): Promise<IteratorResult<ExecutionEvent>> {
    if (this.onDetach === "cancel" && !this.finished) {
      // Not awaited: the follower leaves at once, and the run ends CANCELLED in its own time.
      this.control.cancel().catch((error: unknown) => this.control.onCancelFailed(error));
    }
    return this.detach(value);
  }

  /** Stops following; the run goes on whatever the detach choice. */
  async detach(value?: unknown): Promise<IteratorResult<ExecutionEvent>> {
    this.finished = true;
    await this.events.return?.();
    return { done: true, value };
  }

  /** Stops following and cancels the run; resolves with its final record. */
  async cancel(): Promise<Execution> {
    await this.detach();
    return this.control.cancel();
  }

  /** Resolves with the record once the execution has ended (following or not). */
  wait(): Promise<Execution> {
    return this.control.wait();
  }
}
