/**
 * Event streams of executions. The store holds every event; this module only wakes readers.
 * Each subscriber reads the log from its own cursor at its own pace, so a slow subscriber holds
 * back nobody: not the container, not the other subscribers.
 */
import { EventEmitter } from "node:events";
import { Repeater } from "graphql-yoga";
import type { ExecutionStore } from "../store/execution-store.js";
import { type ExecutionEvent, isFinalStatus } from "./execution.js";

export interface EventNotifier {
  notify(executionId: string): void;
  /** Resolves at the next notify for this execution. */
  next(executionId: string): Promise<void>;
}

export function createEventNotifier(): EventNotifier {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify: (executionId) => emitter.emit(executionId),
    next: (executionId) => new Promise((resolve) => emitter.once(executionId, resolve)),
  };
}

export function isFinalEvent(event: ExecutionEvent): boolean {
  return event.kind === "STATUS" && isFinalStatus(event.status);
}

/** The events after `afterSeq`, stored ones first, then live ones; ends after the final status. */
export function streamEvents(
  store: ExecutionStore,
  notifier: EventNotifier,
  executionId: string,
  afterSeq: number,
): Repeater<ExecutionEvent> {
  return new Repeater<ExecutionEvent>(async (push, stop) => {
    let cursor = afterSeq;
    let stopped = false;
    stop.then(() => {
      stopped = true;
    });
    while (!stopped) {
      // Listen before reading, so an event stored between the read and the wait is not missed.
      const woken = notifier.next(executionId);
      const events = store.eventsAfter(executionId, cursor);
      for (const event of events) {
        await push(event);
        cursor = event.seq;
        if (isFinalEvent(event)) {
          stop();
          return;
        }
      }
      // A log that already ended before `afterSeq` (or whose final status was skipped) completes.
      if (events.length === 0 && cursor > 0 && store.lastEventSeq(executionId) <= cursor) {
        const last = store.eventsAfter(executionId, cursor - 1, 1)[0];
        if (last && isFinalEvent(last)) {
          stop();
          return;
        }
      }
      if (events.length === 0) await Promise.race([woken, stop]);
    }
  });
}
