/**
 * A stand-in engine for unit tests of the services' logic (queues, cancels, shutdown, removal,
 * recovery): it implements our engine boundary (src/domain/engine.ts), never dockerode's surface.
 * Its programs run until the test ends them or the run's signal kills them; its images can be made
 * to refuse removal. Integration tests use the real engine.
 */
import {
  type CommandResult,
  InstallFailedError,
  type LiveContainer,
  type SandboxEngine,
  type SandboxRunRequest,
  type SandboxRunResult,
} from "../../src/domain/engine.js";

/** One program the fake engine runs: a sandbox run or an installer. */
export interface FakeRun {
  id: string;
  kind: "sandbox" | "install";
  image: string;
  command: string[];
  /** The run's request, for a sandbox run (its files, argv, stdin, profile). */
  request?: SandboxRunRequest;
  /** Whether it took a pooled container. */
  warm: boolean;
  /** Killed by its signal (a cancel, a shutdown). */
  killed: boolean;
  /** Its container is gone: the engine removes every container when its run ends. */
  removed: boolean;
  /** Writes output as the program would. */
  write(stream: "stdout" | "stderr", text: string): void;
  /** Ends the program with this status, as if it exited by itself. */
  exit(code: number): void;
  /** Ends it as the engine would at a deadline or an out-of-memory kill. */
  end(outcome: SandboxRunResult["outcome"]): void;
}

export interface FakeEngine extends SandboxEngine {
  runs: FakeRun[];
  /** Resolves when a program has started (the n-th one, from 0). */
  started(index: number): Promise<FakeRun>;
  /** Image references whose removal fails with this error (statusCode as Docker's API gives it). */
  failRemoval: Map<string, { statusCode: number; message: string }>;
  removedImages: string[];
  /** While set, image removals wait for it. */
  removalHeld: Promise<void> | null;
  /** Containers of the data folder that no run here owns (what a crash left); listOwned lists them. */
  leftovers: Set<string>;
  removedContainers: string[];
  /** Pooled sandboxes started and not yet removed. */
  pooled: LiveContainer[];
}

const statusOf = (error: unknown) => (error as { statusCode?: number } | null)?.statusCode;

export function createFakeEngine(): FakeEngine {
  const runs: FakeRun[] = [];
  const startWaiters: (() => void)[] = [];
  const pending = new Set<Promise<unknown>>();
  let commits = 0;
  let containers = 0;

  /** A program that runs until exit() or end(), or until the signal kills it. */
  function program<T>(
    kind: FakeRun["kind"],
    image: string,
    command: string[],
    signal: AbortSignal,
    settle: (how: { code: number } | { outcome: SandboxRunResult["outcome"] }) => T | Promise<T>,
    extra: Pick<FakeRun, "request" | "warm"> & { onOutput?: SandboxRunRequest["onOutput"] } = { warm: false },
  ): Promise<T> {
    let finish: (how: { code: number } | { outcome: SandboxRunResult["outcome"] }) => void = () => {};
    const ended = new Promise<{ code: number } | { outcome: SandboxRunResult["outcome"] }>((resolve) => {
      finish = resolve;
    });
    const run: FakeRun = {
      id: `fake-${containers++}`,
      kind,
      image,
      command,
      request: extra.request,
      warm: extra.warm,
      killed: false,
      removed: false,
      write: (stream, text) => extra.onOutput?.(stream, Buffer.from(text)),
      exit: (code) => finish({ code }),
      end: (outcome) => finish({ outcome }),
    };
    runs.push(run);
    extra.request?.onStarted(run.id);
    for (const wake of startWaiters.splice(0)) wake();
    const kill = () => {
      run.killed = true;
      finish({ outcome: "CANCELLED" });
    };
    if (signal.aborted) kill();
    else signal.addEventListener("abort", kill, { once: true });
    const result = ended.then(settle).finally(() => {
      signal.removeEventListener("abort", kill);
      run.removed = true;
    });
    pending.add(result);
    void result.catch(() => {}).finally(() => pending.delete(result));
    return result;
  }

  function liveContainer(): LiveContainer & { remove(): void } {
    let endIt: () => void = () => {};
    const ended = new Promise<void>((resolve) => {
      endIt = resolve;
    });
    const container = {
      id: `fake-${containers++}`,
      hasEnded: false,
      ended,
      receiver: () => {},
      write: () => {},
      remove() {
        container.hasEnded = true;
        endIt();
      },
    };
    return container;
  }

  const fake: FakeEngine = {
    runs,
    failRemoval: new Map(),
    removedImages: [],
    removalHeld: null,
    leftovers: new Set(),
    removedContainers: [],
    pooled: [],
    async started(index) {
      for (;;) {
        const run = runs[index];
        if (run) return run;
        await new Promise<void>((resolve) => startWaiters.push(resolve));
      }
    },
    containers: {
      runSandbox: (request) =>
        program(
          "sandbox",
          request.profile.image,
          request.argv,
          request.signal,
          (how): SandboxRunResult =>
            "code" in how
              ? { outcome: "EXITED", exitCode: how.code, usage: null }
              : { outcome: how.outcome, exitCode: null, usage: null },
          { request, warm: request.warm !== undefined, onOutput: request.onOutput },
        ),
      async startPooledSandbox() {
        const container = liveContainer();
        fake.pooled.push(container);
        return container;
      },
      startResident: async () => liveContainer(),
      runProbe: async (): Promise<CommandResult> => ({ exitCode: 0, stdout: "", stderr: "" }),
      install: (request) =>
        program("install", request.image, request.command, request.signal, (how) => {
          if (!("code" in how)) throw new InstallFailedError("the install was cancelled", true);
          if (how.code !== 0) throw new InstallFailedError(`the package manager exited with code ${how.code}`);
          return `sha256:committed-${++commits}`;
        }),
      usageReader: async () => ({ sample: async () => null, usage: async () => null }),
      reap(containerId) {
        fake.removedContainers.push(containerId);
        const at = fake.pooled.findIndex((container) => container.id === containerId);
        if (at >= 0) (fake.pooled.splice(at, 1)[0] as ReturnType<typeof liveContainer>).remove();
      },
      async reaped() {
        while (pending.size > 0) await Promise.allSettled([...pending]);
      },
      listOwned: async () => [...fake.leftovers],
      async remove(containerId) {
        fake.leftovers.delete(containerId);
        fake.removedContainers.push(containerId);
      },
    },
    images: {
      find: async (reference) => ({ id: reference, sizeBytes: 1, recipeFingerprint: null }),
      async remove(reference) {
        await fake.removalHeld;
        const failure = fake.failRemoval.get(reference);
        if (failure) throw Object.assign(new Error(failure.message), { statusCode: failure.statusCode });
        fake.removedImages.push(reference);
      },
      pull: async () => false,
      importRootfs: async () => {},
      build: async (request) => `sha256:built-${request.tag}`,
      removePackageCache: async () => {},
    },
    info: {
      probe: async () => ({ reachable: true, serverVersion: "fake", error: null }),
      runtimes: async () => ["runc"],
      diskUsage: async () => ({ imagesBytes: 0, containersBytes: 0, buildCacheBytes: 0, volumesBytes: 0 }),
      goesAway: async () => false,
      isGone: () => false,
      isAlreadyGone: (error) => statusOf(error) === 404 || statusOf(error) === 409,
    },
  };
  return fake;
}
