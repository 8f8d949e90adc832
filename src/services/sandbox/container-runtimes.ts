/**
 * Which container runtimes the engine has, for isolation STRONG (runsc) and for health. `docker
 * info` takes tens of milliseconds, so an answer is kept briefly; a runtime found missing is asked
 * about again on the next request, so that running the set-up script needs no server restart.
 */
import type { EngineInfo } from "../../domain/engine.js";
import { ServiceError } from "../../domain/errors.js";
import { CONTAINER_RUNTIMES, type Isolation, RUNSC_SETUP_SCRIPT } from "../../domain/isolation.js";

const KEEP_MS = 10_000;

export interface ContainerRuntimes {
  /** The engine's runtimes; empty when the engine does not answer. */
  list(): Promise<string[]>;
  /** Refuses an isolation whose runtime the engine lacks, naming the set-up script. */
  requireFor(isolation: Isolation): Promise<void>;
}

export function createContainerRuntimes(engine: Pick<EngineInfo, "runtimes">): ContainerRuntimes {
  let known: { runtimes: string[]; at: number } | null = null;
  const refresh = async (): Promise<string[]> => {
    const runtimes = await engine.runtimes().catch(() => null);
    known = runtimes ? { runtimes, at: performance.now() } : null;
    return runtimes ?? [];
  };
  const list = async () => (known && performance.now() - known.at < KEEP_MS ? known.runtimes : refresh());
  return {
    list,
    async requireFor(isolation) {
      const runtime = CONTAINER_RUNTIMES[isolation];
      if ((await list()).includes(runtime) || (await refresh()).includes(runtime)) return;
      throw new ServiceError(
        "BAD_USER_INPUT",
        `isolation: ${isolation} needs the ${runtime} container runtime, which this server's Docker engine does not have; an operator adds it with ${RUNSC_SETUP_SCRIPT} (see health's containerRuntimes).`,
      );
    },
  };
}
