/**
 * One package install at a time per image, in arrival order: each install commits on top of the
 * one before, so two at once would lose one's layer. Images are independent of each other.
 */
export interface InstallQueue {
  /** Runs `work` after every install queued before it on this image; resolves when it is done. */
  enqueue(imageId: string, work: () => Promise<void>): Promise<void>;
  /** True while an install of this image is queued or running. */
  busy(imageId: string): boolean;
  /** Resolves when every queued and running install has ended. */
  settled(): Promise<void>;
}

export function createInstallQueue(): InstallQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    enqueue(imageId, work) {
      const previous = tails.get(imageId) ?? Promise.resolve();
      // An install's failure is recorded by its own work; it must not stop the ones after it.
      const done = previous.then(work, work);
      tails.set(imageId, done);
      const forget = () => {
        if (tails.get(imageId) === done) tails.delete(imageId);
      };
      done.then(forget, forget);
      return done;
    },
    busy: (imageId) => tails.has(imageId),
    async settled() {
      await Promise.allSettled([...tails.values()]);
    },
  };
}
