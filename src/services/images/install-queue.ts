/**
 * One package install at a time per image, in arrival order: each install commits on top of the
 * one before, so two at once would lose one's layer. Images are independent of each other.
 */
import { createKeyedQueue } from "../lib/keyed-queue.js";

export interface InstallQueue {
  /** Runs `work` after every install queued before it on this image; resolves when it is done. */
  enqueue(imageId: string, work: () => Promise<void>): Promise<void>;
  /** True while an install of this image is queued or running. */
  busy(imageId: string): boolean;
  /** Resolves when every queued and running install has ended. */
  settled(): Promise<void>;
}

export function createInstallQueue(): InstallQueue {
  // An install's failure is recorded by its own work; the queue goes on past it.
  const queue = createKeyedQueue();
  return {
    enqueue: (imageId, work) => queue.enqueue(imageId, work),
    busy: (imageId) => queue.busy(imageId),
    settled: () => queue.settled(),
  };
}
