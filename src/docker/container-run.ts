/**
 * The one way this service runs a container to its end: create → attach → start → write stdin →
 * deadline → wait (or the runner's own exit report) → bounded drain → inspect → (a last step, such
 * as a commit) → remove. Executions, package installs and probes all go through it (Piston's job.js
 * runs compile and run through one `safe_call` for the same reason), so the sequence, its bounds and
 * its clean-up exist once. A pooled sandbox takes the same path, only created and started earlier.
 */

import type Dockerode from "dockerode";
import type { ContainerOutput, ContainerUsageReader } from "../domain/engine.js";
import type { ResourceUsage } from "../domain/usage.js";
import type { Logger } from "../logger.js";
import { AttachedContainer } from "./attached-container.js";
import { isAlreadyGone } from "./container-errors.js";
import type { ContainerReaper } from "./container-reaper.js";
import { removeContainer } from "./container-reaper.js";
import type { Docker } from "./docker-client.js";
import { asEngineRestart, EngineRestartedError, engineGoesAway, watchEngine } from "./engine-restart.js";
import { RunnerReport } from "./runner-records.js";

/** How long to wait for the output stream to drain after the process has exited. */
const OUTPUT_DRAIN_MS = 2000;
/** Past the deadline, how long a killed container may take to stop before the run gives up on it. */
const STOP_GRACE_MS = 30_000;

/** A pooled container that died before its runner took the files: no program ran, so the run may go elsewhere. */
export class WarmContainerLost extends Error {
  constructor(containerId: string) {
    super(`the pooled container ${containerId.slice(0, 12)} ended before it took its files`);
  }
}

export interface ContainerRunSpec<T> {
  /** dockerode's create options; the attach flags are set here. Unused when `warm` is given. */
  create: Dockerode.ContainerCreateOptions;
  /**
   * A container created, attached and started ahead of time with the same create options: the
   * run only writes its stdin. The cold and the warm path differ in nothing else.
   */
  warm?: AttachedContainer;
  /** Written to the program's stdin after start, then stdin is closed; none leaves stdin closed. */
  stdin?: Buffer;
  onOutput(stream: ContainerOutput, chunk: Buffer): void;
  /**
   * The container's runner reports the program's exit as records marked with this nonce (see
   * runner-records.ts): the run ends on them, without waiting for the engine to see the exit.
   */
  runnerNonce?: string;
  /** After this long the container is killed and the run ends timedOut. */
  timeoutMs: number;
  /** Aborting kills the container; the run then ends cancelled. */
  signal?: AbortSignal;
  onCreated?(containerId: string): void;
  /** Runs once the program has exited and its output drained, before the container is removed. */
  afterExit?(container: Dockerode.Container, exit: ContainerExit): Promise<T>;
  /** Removes the container after the run without waiting for it; without one the run awaits the removal. */
  reaper?: ContainerReaper;
  /** Reads what the container used before a deadline's or a cancel's kill, when the run wants usage. */
  usageReader?: ContainerUsageReader;
  logger: Logger;
}

export interface ContainerExit {
  containerId: string;
  /** The process's exit status; null when it was killed for the deadline or a cancel. */
  exitCode: number | null;
  timedOut: boolean;
  cancelled: boolean;
  oomKilled: boolean;
  /** From the runner's exit record, or read before a kill; null when neither could tell. */
  usage: ResourceUsage | null;
}

export interface ContainerRunResult<T> extends ContainerExit {
  /** What afterExit returned, when there was one. */
  after: T | undefined;
}

export async function runContainer<T = undefined>(
  docker: Docker,
  spec: ContainerRunSpec<T>,
): Promise<ContainerRunResult<T>> {
  const attached =
    spec.warm ?? (await AttachedContainer.create(docker, spec.create, spec.stdin === undefined ? "none" : "once"));
  const { container, stream } = attached;
  const report = spec.runnerNonce ? new RunnerReport(spec.runnerNonce, OUTPUTS, spec.onOutput) : null;
  attached.receiver = report ? (name, chunk) => report.push(name, chunk) : spec.onOutput;
  const fields = { containerId: container.id };
  let timedOut = false;
  let cancelled = false;
  let timer: NodeJS.Timeout | undefined;
  let startedAt = performance.now();
  /** What the container had used when it was killed: a killed runner reports nothing itself. */
  let usageAtKill: ResourceUsage | null = null;
  const watchdog = watchEngine(docker);
  const kill = async (why: string) => {
    if (spec.usageReader && usageAtKill === null) {
      const used = await spec.usageReader.usage(container.id).catch(() => null);
      if (used) usageAtKill = { ...used, wallTimeMs: Math.round(performance.now() - startedAt) };
    }
    await container.kill().catch((error) => {
      // A container that already exited (409) or is gone (404) needs no kill.
      if (!isAlreadyGone(error))
        spec.logger.warn(`could not kill a container (${why})`, { ...fields, error: String(error) });
    });
  };
  const onAbort = () => {
    cancelled = true;
    void kill("cancelled");
  };
  try {
    spec.onCreated?.(container.id);
    if (spec.signal?.aborted) {
      cancelled = true;
      return { ...fields, exitCode: null, timedOut, cancelled, oomKilled: false, usage: null, after: undefined };
    }
    spec.signal?.addEventListener("abort", onAbort, { once: true });
    if (!spec.warm) await container.start();
    // A kill sent while the start was under way found nothing running: send it again now.
    if (cancelled) void kill("cancelled");
    startedAt = performance.now();
    timer = setTimeout(() => {
      timedOut = true;
      void kill("deadline");
    }, spec.timeoutMs);
    if (spec.stdin !== undefined) stream.end(spec.stdin);
    const waited = waitBounded(container, spec.timeoutMs + STOP_GRACE_MS).catch((error: unknown) => {
      throw asEngineRestart(error);
    });
    const first = await Promise.race([
      waited.then(({ StatusCode }) => ({ waited: StatusCode })),
      ...(report ? [report.exited.then((reported) => ({ reported }))] : []),
      watchdog.lost,
    ]);
    clearTimeout(timer);
    const killed = timedOut || cancelled;
    if ("reported" in first) {
      // The answer does not wait for the engine to tear the container down; wait() ends with the removal.
      waited.catch(() => undefined);
      (stream as unknown as { destroy(): void }).destroy();
      const { exitCode, oomKills, usage } = first.reported;
      const exit = {
        ...fields,
        exitCode: killed ? null : exitCode,
        timedOut,
        cancelled,
        oomKilled: oomKills > 0,
        usage: killed ? usageAtKill : usage,
      };
      return { ...exit, after: spec.afterExit ? await spec.afterExit(container, exit) : undefined };
    }
    await drainedWithin(attached.ended, OUTPUT_DRAIN_MS);
    (stream as unknown as { destroy(): void }).destroy();
    report?.flush();
    // Killed by a signal before its runner said a word: a pooled container that died idle (an
    // image from before the runner's records would have said something, or exited by itself).
    const diedIdle = spec.warm && report && !report.sawOutput && !killed && first.waited >= 128;
    if (diedIdle) throw new WarmContainerLost(container.id);
    const { State } = await container.inspect().catch((error: unknown) => {
      throw asEngineRestart(error);
    });
    // Its first process died by a signal nobody here sent, not for memory: an engine that stops
    // answering next is restarting (see engine-restart.ts).
    if (!killed && first.waited >= 128 && State.OOMKilled !== true && (await engineGoesAway(docker))) {
      throw new EngineRestartedError();
    }
    const exit: ContainerExit = {
      ...fields,
      exitCode: killed ? null : first.waited,
      timedOut,
      cancelled,
      oomKilled: State.OOMKilled === true,
      usage: usageAtKill,
    };
    const after = spec.afterExit ? await spec.afterExit(container, exit) : undefined;
    return { ...exit, after };
  } catch (error) {
    // The engine met going away in any call of the run (its start, a commit after the exit): the
    // container was there, so the engine stopped or restarted while it ran.
    throw asEngineRestart(error);
  } finally {
    clearTimeout(timer);
    watchdog.stop();
    // Already done on the usual ways out; a run the engine left for ever must not keep its stream.
    (stream as unknown as { destroy(): void }).destroy();
    spec.signal?.removeEventListener("abort", onAbort);
    if (spec.reaper) spec.reaper.remove(container.id);
    else {
      await removeContainer(docker, container.id).catch((error) => {
        if (!isAlreadyGone(error))
          spec.logger.warn("could not remove a container", { ...fields, error: String(error) });
      });
    }
  }
}

const OUTPUTS: readonly ContainerOutput[] = ["stdout", "stderr"];

/**
 * The container's exit, but never later than `boundMs`: if even the deadline's kill failed, the
 * run ends with an error and the forced removal in `finally` stops the container.
 */
async function waitBounded(container: Dockerode.Container, boundMs: number): Promise<{ StatusCode: number }> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the container did not stop within ${boundMs} ms`)), boundMs);
  });
  try {
    return (await Promise.race([container.wait(), bound])) as { StatusCode: number };
  } finally {
    clearTimeout(timer);
  }
}

/** Docker sometimes keeps a hijacked stream open a little after the process exited: never wait on it for ever. */
function drainedWithin(ended: Promise<void>, boundMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, boundMs);
  });
  return Promise.race([ended, bound]).finally(() => clearTimeout(timer));
}
