/**
 * Removes containers off the request's path. A sandbox run answers as soon as its runner reports
 * the program's exit; the forced removal that follows takes the engine 75-90 ms on this machine
 * and nobody should wait for it, except a shutdown, which waits for every removal still under way.
 */
import type { Logger } from "../logger.js";
import { isAlreadyGone } from "./container-errors.js";
import type { Docker } from "./docker-client.js";

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
      const removal = removeWithRetries(docker, containerId)
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

async function removeWithRetries(docker: Docker, containerId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await docker.getContainer(containerId).remove({ force: true });
      return;
    } catch (error) {
      if (isAlreadyGone(error)) return;
      if (attempt >= REMOVE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, REMOVE_RETRY_MS));
    }
  }
}
