/**
 * The one way this service runs a container to its end: create → attach → start → write stdin →
 * deadline → wait → bounded drain → inspect → (a last step, such as a commit) → remove. Executions,
 * package installs and probes all go through it (Piston's job.js runs compile and run through one
 * `safe_call` for the same reason), so the sequence, its bounds and its clean-up exist once.
 */
import { Writable } from "node:stream";
import type Dockerode from "dockerode";
import type { Logger } from "../logger.js";
import { isAlreadyGone } from "./container-errors.js";
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";

export type ContainerOutput = "stdout" | "stderr";

/** How long to wait for the output stream to drain after the process has exited. */
const OUTPUT_DRAIN_MS = 2000;
/** Past the deadline, how long a killed container may take to stop before the run gives up on it. */
const STOP_GRACE_MS = 30_000;

export interface ContainerRunSpec<T> {
  /** dockerode's create options; the attach flags are set here. */
  create: Dockerode.ContainerCreateOptions;
  /** Written to the program's stdin after start, then stdin is closed; none leaves stdin closed. */
  stdin?: Buffer;
  onOutput(stream: ContainerOutput, chunk: Buffer): void;
  /** After this long the container is killed and the run ends timedOut. */
  timeoutMs: number;
  /** Aborting kills the container; the run then ends cancelled. */
  signal?: AbortSignal;
  onCreated?(containerId: string): void;
  /** Runs once the program has exited and its output drained, before the container is removed. */
  afterExit?(container: Dockerode.Container, exit: ContainerExit): Promise<T>;
  logger: Logger;
}

export interface ContainerExit {
  containerId: string;
  /** The process's exit status; null when it was killed for the deadline or a cancel. */
  exitCode: number | null;
  timedOut: boolean;
  cancelled: boolean;
  oomKilled: boolean;
}

export interface ContainerRunResult<T> extends ContainerExit {
  /** What afterExit returned, when there was one. */
  after: T | undefined;
}

export async function runContainer<T = undefined>(
  docker: Docker,
  spec: ContainerRunSpec<T>,
): Promise<ContainerRunResult<T>> {
  const withStdin = spec.stdin !== undefined;
  const container = await withDocker(() =>
    docker.createContainer({
      ...spec.create,
      AttachStdin: withStdin,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: withStdin,
      StdinOnce: withStdin,
      Tty: false,
    }),
  );
  const fields = { containerId: container.id };
  let timedOut = false;
  let cancelled = false;
  let timer: NodeJS.Timeout | undefined;
  const kill = (why: string) =>
    void container.kill().catch((error) => {
      // A container that already exited (409) or is gone (404) needs no kill.
      if (!isAlreadyGone(error))
        spec.logger.warn(`could not kill a container (${why})`, { ...fields, error: String(error) });
    });
  const onAbort = () => {
    cancelled = true;
    kill("cancelled");
  };
  try {
    spec.onCreated?.(container.id);
    const stream = await container.attach({
      stream: true,
      stdin: withStdin,
      stdout: true,
      stderr: true,
      hijack: withStdin,
    });
    docker.modem.demuxStream(stream, sink("stdout", spec), sink("stderr", spec));
    const ended = outputEnded(stream);
    if (spec.signal?.aborted) {
      cancelled = true;
      return { ...fields, exitCode: null, timedOut, cancelled, oomKilled: false, after: undefined };
    }
    spec.signal?.addEventListener("abort", onAbort, { once: true });
    await container.start();
    // A kill sent while the start was under way found nothing running: send it again now.
    if (cancelled) kill("cancelled");
    timer = setTimeout(() => {
      timedOut = true;
      kill("deadline");
    }, spec.timeoutMs);
    if (spec.stdin !== undefined) stream.end(spec.stdin);
    const { StatusCode } = await waitBounded(container, spec.timeoutMs + STOP_GRACE_MS);
    clearTimeout(timer);
    await drainedWithin(ended, OUTPUT_DRAIN_MS);
    (stream as unknown as { destroy(): void }).destroy();
    const { State } = await container.inspect();
    const killed = timedOut || cancelled;
    const exit: ContainerExit = {
      ...fields,
      exitCode: killed ? null : StatusCode,
      timedOut,
      cancelled,
      oomKilled: State.OOMKilled === true,
    };
    const after = spec.afterExit ? await spec.afterExit(container, exit) : undefined;
    return { ...exit, after };
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener("abort", onAbort);
    await container.remove({ force: true }).catch((error) => {
      if (!isAlreadyGone(error)) spec.logger.warn("could not remove a container", { ...fields, error: String(error) });
    });
  }
}

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

function sink(name: ContainerOutput, spec: { onOutput(stream: ContainerOutput, chunk: Buffer): void }): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      spec.onOutput(name, chunk);
      done();
    },
  });
}

/**
 * When an attached stream has delivered all its output: it ended, closed or failed. Listened to
 * right after attaching, before the container starts, so that no end is missed.
 */
function outputEnded(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise<void>((resolve) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    // A broken stream has delivered all it ever will: the run's result comes from wait(), not from it.
    stream.on("error", () => resolve());
  });
}

/** Docker sometimes keeps a hijacked stream open a little after the process exited: never wait on it for ever. */
function drainedWithin(ended: Promise<void>, boundMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, boundMs);
  });
  return Promise.race([ended, bound]).finally(() => clearTimeout(timer));
}
