/**
 * Telling an engine restart from an ordinary failure. When dockerd stops, it first stops every
 * container (their processes die by a signal, and wait() still answers), then closes its socket.
 * So a container that died by a signal nobody here sent, with no word from its runner, is followed
 * within moments by an engine that no longer answers: that is a restart, not the program's doing.
 */
import { ServiceError } from "../domain/errors.js";
import { type Docker, isDockerUnreachable, probeDocker } from "./docker-client.js";

/** The engine stopped or restarted while a container of ours ran. */
export class EngineRestartedError extends Error {
  constructor(cause?: unknown) {
    super("Docker engine restarted (or stopped) while the container ran", { cause });
    this.name = "EngineRestartedError";
  }
}

/** How long after an unexplained death the engine is watched for going away, and how often. */
const WATCH_MS = 3000;
const PING_EVERY_MS = 100;

/** True when the engine stops answering within WATCH_MS. */
export async function engineGoesAway(docker: Docker): Promise<boolean> {
  const until = performance.now() + WATCH_MS;
  while (performance.now() < until) {
    try {
      await docker.ping();
    } catch (error) {
      if (isDockerUnreachable(error)) return true;
    }
    await new Promise((resolve) => setTimeout(resolve, PING_EVERY_MS));
  }
  return false;
}

/** Whether an error says the engine is gone: our own verdict, a refused socket, or the service's refusal. */
export function isEngineGone(error: unknown): boolean {
  return (
    error instanceof EngineRestartedError ||
    isDockerUnreachable(error) ||
    (error instanceof ServiceError && error.code === "DOCKER_UNAVAILABLE")
  );
}

/** How often a long container run asks whether the engine is still there. */
const WATCH_EVERY_MS = 2000;

/**
 * Rejects with EngineRestartedError once the engine stops answering while a container runs. A
 * killed dockerd leaves its containers running under their shims and its open requests (wait,
 * attach) unanswered for ever: without this, such a run would hang until the engine came back.
 */
export function watchEngine(docker: Docker): { lost: Promise<never>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const lost = new Promise<never>((_, reject) => {
    const check = async () => {
      if (stopped) return;
      const status = await probeDocker(docker);
      if (stopped) return;
      if (!status.reachable) reject(new EngineRestartedError(new Error(status.error ?? "no answer")));
      else timer = setTimeout(check, WATCH_EVERY_MS);
    };
    timer = setTimeout(check, WATCH_EVERY_MS);
  });
  // Nobody may be listening once the run has ended some other way.
  lost.catch(() => {});
  return {
    lost,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** An error that means the engine is gone, whatever call met it. */
export function asEngineRestart(error: unknown): unknown {
  return isDockerUnreachable(error) ? new EngineRestartedError(error) : error;
}
