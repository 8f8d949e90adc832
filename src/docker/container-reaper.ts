/**
 * Removes containers off the request's path. A sandbox run answers as soon as its runner reports
 * the program's exit; the forced removal that follows takes the engine 75-90 ms on this machine
 * and nobody should wait for it, except a shutdown, which waits for every removal still under way.
 * While the engine is away (stopped, restarting) a removal waits for it to come back: its containers
 * are still there, exited, when it does.
 */
import type { Logger } from "../logger.js";
import { isAlreadyGone } from "./container-errors.js";
import { type Docker, isDockerUnreachable } from "./docker-client.js";

export interface ContainerReaper {
  /** Starts removing the container (forced) and returns at once. */
  remove(containerId: string): void;
  /** Resolves when every removal started so far has finished. */
  settled(): Promise<void>;
}

export function createContainerReaper(docker: Docker, logger: Logger): ContainerReaper {
  const pending = new Set<Promise<void>>();
  return {
    remove(containerId) {
      const removal = removeContainer(docker, containerId)
        .catch((error) => logger.warn("could not remove a container", { containerId, error: String(error) }))
        .finally(() => pending.delete(removal));
      pending.add(removal);
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

/** The engine sometimes refuses a forced removal while the container is stopping (a 500): try again. */
const REMOVE_ATTEMPTS = 5;
const REMOVE_RETRY_MS = 200;
/** How long a removal waits for an engine that went away to come back, asking every ENGINE_RETRY_MS. */
const ENGINE_BACK_WITHIN_MS = 60_000;
const ENGINE_RETRY_MS = 1000;

/** Removes a container (forced), retrying a refused removal and waiting out an engine restart. */
export async function removeContainer(docker: Docker, containerId: string): Promise<void> {
  const giveUpAt = performance.now() + ENGINE_BACK_WITHIN_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await docker.getContainer(containerId).remove({ force: true });
      return;
    } catch (error) {
      if (isAlreadyGone(error)) return;
      if (isDockerUnreachable(error) && performance.now() < giveUpAt) {
        await new Promise((resolve) => setTimeout(resolve, ENGINE_RETRY_MS));
        continue;
      }
      if (attempt >= REMOVE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, REMOVE_RETRY_MS));
    }
  }
}
