/**
 * Work that runs one piece at a time per key, in arrival order: each piece starts once the one
 * before it under the same key has ended, whether that one succeeded or not; keys are independent.
 * Package installs of one image take turns through it, and so do the store writes of one log (an
 * execution's events, a job's lines): the store is asynchronous, and two writes in flight at once
 * could otherwise land out of order.
 */
export interface KeyedQueue {
  /** Runs `work` after every piece queued before it under `key`; settles as `work` does. */
  enqueue<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** True while a piece of `key` is queued or running. */
  busy(key: string): boolean;
  /** Resolves when every piece queued so far under `key` (by default, under any key) has ended. */
  settled(key?: string): Promise<void>;
}

export function createKeyedQueue(): KeyedQueue {
  /** The end of each key's last piece, as a promise that never rejects. */
  const tails = new Map<string, Promise<void>>();
  const ignore = () => undefined;
  return {
    enqueue(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      // A piece's failure is its caller's (through `done`); it must not stop the pieces after it.
      const done = previous.then(work);
      const tail = done.then(ignore, ignore);
      tails.set(key, tail);
      const forget = () => {
        if (tails.get(key) === tail) tails.delete(key);
      };
      done.then(forget, forget);
      return done;
    },
    busy: (key) => tails.has(key),
    async settled(key) {
      await Promise.all(key === undefined ? [...tails.values()] : [tails.get(key)]);
    },
  };
}
