/**
 * Follows an append-only log kept in the store (execution events, build and install output):
 * what is stored after a cursor first, then what is appended, until the log has ended. Each
 * follower reads from its own cursor at its own pace, so a slow one holds back nobody: not the
 * container writing the log, not the other followers. The notifier only wakes readers.
 */
import { EventEmitter } from "node:events";
import { Repeater } from "@repeaterjs/repeater";
import { ServiceError } from "../../domain/errors.js";

export interface LogNotifier {
  /** Something was appended to the log with this id, or it ended. */
  notify(logId: string): void;
  /** A wait for the next notify of this log; cancel() drops it when it is no longer needed. */
  next(logId: string): { woken: Promise<void>; cancel(): void };
}

export function createLogNotifier(): LogNotifier {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify: (logId) => emitter.emit(logId),
    next: (logId) => {
      let listener: () => void = () => {};
      const woken = new Promise<void>((resolve) => {
        listener = resolve;
        emitter.once(logId, listener);
      });
      return { woken, cancel: () => emitter.off(logId, listener) };
    },
  };
}

export interface FollowedLog<T> {
  id: string;
  /** Entries after the cursor, oldest first (a bounded batch). */
  read(afterSeq: number): Promise<T[]>;
  /** True once nothing more will be appended. */
  ended(): Promise<boolean>;
}

export function followLog<T extends { seq: number }>(
  notifier: LogNotifier,
  log: FollowedLog<T>,
  afterSeq = 0,
): Repeater<T> {
  if (!Number.isInteger(afterSeq) || afterSeq < 0) {
    throw new ServiceError("BAD_USER_INPUT", `afterSeq must be a whole number from 0; got ${afterSeq}.`);
  }
  return new Repeater<T>(async (push, stop) => {
    let cursor = afterSeq;
    let stopped = false;
    stop.then(() => {
      stopped = true;
    });
    while (!stopped) {
      // Listen before reading, so an entry stored between the read and the wait is not missed.
      const wait = notifier.next(log.id);
      try {
        // Read `ended` before the entries, and only then: whatever was stored before the end is
        // then in the batch (a log's writer stores every entry before it records the end).
        const ended = await log.ended();
        const entries = await log.read(cursor);
        for (const entry of entries) {
          if (stopped) return;
          await push(entry);
          cursor = entry.seq;
        }
        if (entries.length > 0) continue;
        if (ended) break;
        await Promise.race([wait.woken, stop]);
      } finally {
        wait.cancel();
      }
    }
    stop();
  });
}
