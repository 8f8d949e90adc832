/**
 * Runs code: validates a request, records the execution (QUEUED), waits for a place under the
 * concurrency limit, runs it in a sandbox container while its output streams into the event log,
 * and records the outcome. Every transition is a StatusChange event; every output chunk a LogChunk.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Repeater } from "@repeaterjs/repeater";
import { type ContainerUsageReader, createUsageReader } from "../../docker/cgroup-usage.js";
import type { ContainerReaper } from "../../docker/container-reaper.js";
import { listOwnedContainers, removeContainer } from "../../docker/containers.js";
import type { Docker } from "../../docker/docker-client.js";
import { STORE_LABEL } from "../../docker/labels.js";
import { runInSandbox, type SandboxRunResult } from "../../docker/sandbox-container.js";
import { createWorkspaceArchive } from "../../docker/workspace-archive.js";
import { messageOf, ServiceError } from "../../domain/errors.js";
import type { Execution, ExecutionEvent, ExecutionStatus, OutputStream } from "../../domain/execution.js";
import { isFinalStatus } from "../../domain/execution.js";
import { type Actor, visibleTo } from "../../domain/principal.js";
import type { ExecuteFileRequest, ExecuteRequest } from "../../domain/run-inputs.js";
import type { ResourceUsage, UsageSample } from "../../domain/usage.js";
import { LANGUAGES, languageById } from "../../languages/index.js";
import type { Logger } from "../../logger.js";
import type { ExecutionObserver } from "../../metrics/index.js";
import type { ExecutionPage, ExecutionPageQuery, ExecutionStore } from "../../store/execution-store.js";
import { ownerFilter } from "../auth/owner-filter.js";
import { requireWithinQuota } from "../auth/quota-check.js";
import { createConcurrencyGate } from "../lib/concurrency-gate.js";
import { createRateWindow } from "../lib/rate-window.js";
import type { ResidentCompiler } from "../sandbox/resident-compiler.js";
import type { SandboxPool } from "../sandbox/sandbox-pool.js";
import { sandboxProfile } from "../sandbox/sandbox-profile.js";
import { analyzeCode } from "./code-analysis.js";
import { type PlanDeps, planExecution, type RunRequest, type WorkspaceEntry } from "./execution-plan.js";
import { followLog, type LogNotifier } from "./log-follower.js";
import { OutputCollector } from "./output-collector.js";
import { usageSamples } from "./usage-samples.js";

/** What a follower wants when it stops following before the end: the run goes on, or is cancelled. */
export type DetachChoice = "keep" | "cancel";

export interface FollowOptions {
  /** Events after this seq (0: all of them). */
  afterSeq?: number;
  onDetach: DetachChoice;
}

export interface ExecutionServiceDeps extends PlanDeps {
  /** The Docker image an image of ours has now (an install replaces it); null unless READY. */
  currentDockerImage(imageId: string): string | null;
  /** The window of the per-minute quota, in milliseconds (a minute, shorter in tests). */
  quotaWindowMs: number;
  docker: Docker;
  store: ExecutionStore;
  notifier: LogNotifier;
  /** Labels every container of this server's data folder. */
  storeLabel: string;
  /** Ready sandboxes; a run takes one when its profile is warm. */
  pool: SandboxPool;
  /** Removes containers after runs, off the request's path. */
  reaper: ContainerReaper;
  /** Compilers kept warm for languages that have one (C#). */
  compiler: ResidentCompiler;
  /** Whether runs report what they used (EXEC_USAGE). */
  collectUsage: boolean;
  logger: Logger;
  /** Told when runs start and end (the metrics). */
  observer?: ExecutionObserver;
}

/** Why a live execution was aborted. */
type AbortReason = "cancelled" | "shutdown";

export function createExecutionService(deps: ExecutionServiceDeps) {
  const { docker, store, notifier, policy, logger } = deps;
  const gate = createConcurrencyGate(policy.maxConcurrency);
  /** Executions queued or running here, with what their container needs. */
  const live = new Map<
    string,
    {
      abort: AbortController;
      done: Promise<void>;
      nextSeq: number;
      workspace: WorkspaceEntry[];
      argv: string[];
      /** The version line it runs on (a resident compiler compiles for it). */
      runtimeLine: string;
      ownerId: string;
      /** Its container, once it has one: containers carry no execution id, so the mapping lives here. */
      containerId?: string;
    }
  >();
  /** Reads containers' cgroups (or the engine's stats), made on first use: it asks the engine how. */
  let usageReaderMade: Promise<ContainerUsageReader> | null = null;
  const usageReader = () => {
    usageReaderMade ??= createUsageReader(docker);
    return usageReaderMade;
  };
  /** When each principal started its recent executions, for the per-minute quota. */
  const recentStarts = createRateWindow(deps.quotaWindowMs);

  function emit(executionId: string, event: EventContent): void {
    const entry = live.get(executionId);
    const seq = entry ? entry.nextSeq++ : store.lastEventSeq(executionId) + 1;
    store.appendEvent({ ...event, executionId, seq, at: new Date() } as ExecutionEvent);
    notifier.notify(executionId);
  }

  function transition(execution: Execution, status: ExecutionStatus, patch: Partial<Execution> = {}): void {
    Object.assign(execution, patch, { status });
    store.update(execution.id, { ...patch, status });
    emit(execution.id, { kind: "STATUS", status });
  }

  async function run(execution: Execution): Promise<void> {
    const entry = live.get(execution.id);
    if (!entry) return;
    const { signal } = entry.abort;
    let release: (() => void) | null = null;
    const output = new OutputCollector(execution.limits.outputLimitBytes);
    try {
      release = await gate.acquire(signal);
      const startedAt = new Date();
      transition(execution, "RUNNING", { startedAt });
      deps.observer?.started(execution.language, startedAt.getTime() - execution.createdAt.getTime());
      // An install that finished while this run waited replaced its image, and removed the Docker
      // image the run was accepted for (nothing used it yet): the run takes the new one.
      const current = deps.currentDockerImage(execution.imageId);
      if (current && current !== execution.dockerImage) {
        logger.info("the run's image was replaced while it waited; running on the new one", {
          executionId: execution.id,
          from: execution.dockerImage,
          to: current,
        });
        execution.dockerImage = current;
        store.update(execution.id, { dockerImage: current });
      }
      const nonce = randomBytes(16).toString("hex");
      const archive = await createWorkspaceArchive(entry.workspace, {
        ...(await compiledAhead(execution, entry)),
        stdin: execution.stdin ?? "",
        nonce,
        reportUsage: deps.collectUsage,
      });
      const profile = sandboxProfile(
        execution.dockerImage,
        execution.isolation,
        execution.limits,
        policy,
        deps.storeLabel,
      );
      const warm = deps.pool.take(profile);
      const result = await runInSandbox(docker, {
        profile,
        timeoutMs: execution.limits.timeoutMs,
        archive,
        nonce,
        warm,
        reaper: deps.reaper,
        usageReader: deps.collectUsage ? await usageReader() : undefined,
        signal,
        logger,
        onStarted: (containerId) => {
          entry.containerId = containerId;
          logger.debug("execution container taken", { executionId: execution.id, containerId, pooled: !!warm });
        },
        onOutput: (containerStream, chunk) => {
          const stream: OutputStream = containerStream === "stdout" ? "STDOUT" : "STDERR";
          const data = output.add(stream, chunk);
          if (data !== "") emit(execution.id, { kind: "LOG", stream, data });
        },
      });
      finish(execution, result, output);
    } catch (error) {
      if (signal.aborted) {
        finish(execution, { outcome: "CANCELLED", exitCode: null, usage: null }, output);
      } else {
        logger.error("execution failed", { executionId: execution.id, error: String(error) });
        finishWith(execution, "ERROR", output, null, messageOf(error));
      }
    } finally {
      release?.();
      deps.pool.refill();
    }
  }

  /**
   * The argv, and files for /tmp, of a run whose language has a resident compiler that compiled it
   * already; otherwise the plain argv, and the sandbox compiles.
   */
  async function compiledAhead(
    execution: Execution,
    entry: { workspace: WorkspaceEntry[]; argv: string[]; runtimeLine: string },
  ): Promise<{ argv: string[]; tmpFiles?: WorkspaceEntry[] }> {
    const language = languageById(execution.language);
    // The compile server runs under runc: a STRONG run's source is handled under gVisor alone.
    if (execution.isolation === "STRONG") return { argv: entry.argv };
    const source = entry.workspace[0] as WorkspaceEntry;
    const compiled = await deps.compiler.compile(
      execution.dockerImage,
      language,
      entry.runtimeLine,
      source.name,
      execution.code,
    );
    if (!compiled || !language.residentCompiler) return { argv: entry.argv };
    const prepared = language.residentCompiler.prepare(source.name, entry.runtimeLine, compiled);
    return { argv: [...prepared.argv, ...execution.args], tmpFiles: prepared.tmpFiles };
  }

  function finish(execution: Execution, result: SandboxRunResult, output: OutputCollector): void {
    const reason = live.get(execution.id)?.abort.signal.reason as AbortReason | undefined;
    if (result.outcome === "CANCELLED" && reason === "shutdown") {
      finishWith(execution, "ERROR", output, null, "server stopped while the execution ran", result.usage);
      return;
    }
    const status: ExecutionStatus =
      result.outcome === "EXITED" ? (result.exitCode === 0 ? "SUCCEEDED" : "FAILED") : result.outcome;
    finishWith(execution, status, output, result.exitCode, null, result.usage);
  }

  function finishWith(
    execution: Execution,
    status: ExecutionStatus,
    output: OutputCollector,
    exitCode: number | null,
    error: string | null,
    usage: ResourceUsage | null = null,
  ): void {
    const { stdout, stderr, rest } = output.finish();
    for (const { stream, data } of rest) emit(execution.id, { kind: "LOG", stream, data });
    const finishedAt = new Date();
    transition(execution, status, {
      exitCode,
      stdout,
      stderr,
      outputTruncated: output.truncated,
      error,
      finishedAt,
      durationMs: execution.startedAt ? finishedAt.getTime() - execution.startedAt.getTime() : null,
      usage,
    });
    deps.observer?.finished(execution.language, status, execution.durationMs);
  }

  /**
   * Refuses a run that would pass the actor's quotas or the server's queue. Called right before the
   * run is recorded, with nothing awaited in between, so two requests cannot both take the last place.
   */
  function admit(actor: Actor): void {
    let mine = 0;
    for (const entry of live.values()) if (entry.ownerId === actor.principalId) mine++;
    requireWithinQuota(actor, "executionsAtOnce", mine);
    requireWithinQuota(actor, "executionsPerMinute", recentStarts.count(actor.principalId));
    if (gate.waiting >= policy.maxQueued && gate.active >= policy.maxConcurrency) {
      throw new ServiceError(
        "QUOTA_EXCEEDED",
        `the server's queue is full: ${gate.waiting} executions are waiting, at most ${policy.maxQueued} may (EXEC_MAX_QUEUED).`,
      );
    }
    recentStarts.record(actor.principalId);
  }

  async function submit(actor: Actor, request: RunRequest & { wait?: boolean | null }): Promise<Execution> {
    const { language, limits, image, workspace, isolation, runtime, argv } = await planExecution(actor, request, deps);
    admit(actor);
    const execution: Execution = {
      id: randomUUID(),
      ownerId: actor.principalId,
      language: language.id,
      runtimeVersion: runtime.version,
      isolation,
      status: "QUEUED",
      imageId: image.id,
      dockerImage: image.dockerImage,
      fileId: request.fileId,
      code: request.code,
      stdin: request.stdin ?? null,
      args: request.args ?? [],
      fileIds: request.fileIds ?? [],
      limits,
      warnings: analyzeCode(language, request.code, limits),
      exitCode: null,
      stdout: "",
      stderr: "",
      outputTruncated: false,
      error: null,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      usage: null,
    };
    store.insert(execution);
    const entry = {
      abort: new AbortController(),
      done: Promise.resolve(),
      nextSeq: 1,
      workspace,
      argv,
      runtimeLine: runtime.line,
      ownerId: actor.principalId,
    };
    live.set(execution.id, entry);
    emit(execution.id, { kind: "STATUS", status: "QUEUED" });
    entry.done = run(execution).finally(() => live.delete(execution.id));
    if (request.wait ?? true) await entry.done;
    return store.get(execution.id) as Execution;
  }

  function recorded(id: string): Execution {
    const execution = store.get(id);
    if (!execution) throw new ServiceError("NOT_FOUND", `id ${id} names no execution.`);
    return execution;
  }

  /** The execution, when the actor may see it (its own, or any for an admin); otherwise NOT_FOUND. */
  function requireExecution(actor: Actor, id: string): Execution {
    const execution = visibleTo(actor, store.get(id));
    if (!execution) {
      throw new ServiceError("NOT_FOUND", `id ${id} names no execution.`);
    }
    return execution;
  }

  async function cancel(id: string): Promise<Execution> {
    const execution = recorded(id);
    const entry = live.get(id);
    if (!entry || isFinalStatus(execution.status)) return execution;
    entry.abort.abort("cancelled" satisfies AbortReason);
    await entry.done;
    return recorded(id);
  }

  /** Every event after `afterSeq`, then live ones; completes after the final status. */
  function events(id: string, afterSeq: number) {
    return followLog(
      notifier,
      {
        id,
        read: (after) => store.eventsAfter(id, after),
        ended: () => isFinalStatus(recorded(id).status),
      },
      afterSeq,
    );
  }

  return {
    /** The defaults and maxima in force. */
    policy,

    /** Runs code (under the language's own file name), as the `execute` mutation does. */
    execute(actor: Actor, request: ExecuteRequest): Promise<Execution> {
      return submit(actor, { ...request, sourceName: languageById(request.language).sourceFileName, fileId: null });
    },

    /** Runs a stored file under its own name; `language` overrides the file's own. */
    async executeFile(actor: Actor, request: ExecuteFileRequest): Promise<Execution> {
      const file = deps.files.require(actor, request.fileId, "fileId");
      const language = request.language ?? file.language;
      if (!language) {
        throw new ServiceError(
          "BAD_USER_INPUT",
          `language: the file ${file.name} has no language of its own; give one of ${LANGUAGES.map((language) => language.id).join(", ")}.`,
        );
      }
      const code = (await deps.files.content(file)).toString("utf8");
      return submit(actor, { ...request, language, code, sourceName: file.name, fileId: file.id, fileIds: [] });
    },

    /** Stops a queued or running execution (it ends CANCELLED); a finished one is returned as it is. */
    cancel(actor: Actor, id: string): Promise<Execution> {
      requireExecution(actor, id);
      return cancel(id);
    },

    get: (actor: Actor, id: string): Execution | null => visibleTo(actor, store.get(id)),

    /** The execution, or NOT_FOUND. */
    require: requireExecution,

    /** Where an execution is, and the seq of its last event (what a stream resumes after); NOT_FOUND when unseen. */
    progress(actor: Actor, id: string): { status: ExecutionStatus; lastSeq: number } {
      const { status } = requireExecution(actor, id);
      return { status, lastSeq: store.lastEventSeq(id) };
    },

    /** A user's own executions; an admin's view of everyone's, or of one principal's with `principalId`. */
    page: (actor: Actor, query: Omit<ExecutionPageQuery, "ownerId"> & { principalId?: string | null }): ExecutionPage =>
      store.page({ ...query, ownerId: ownerFilter(actor, query.principalId) }),

    /**
     * Follows an execution: its events after `afterSeq`, then live ones, completing after the final
     * status. A follower that stops early either leaves the run going ("keep") or cancels it
     * ("cancel"): the e2b SDK's disconnect() versus kill().
     */
    follow(actor: Actor, id: string, { afterSeq = 0, onDetach }: FollowOptions): Repeater<ExecutionEvent> {
      requireExecution(actor, id);
      const source = events(id, afterSeq);
      if (onDetach === "keep") return source;
      let ended = false;
      const followed = new Repeater<ExecutionEvent>(async (push, stop) => {
        stop.then(() => source.return());
        for await (const event of source) await push(event);
        ended = true;
        stop();
      });
      // Leaving is return(), which may come before the first next() (a client that leaves at
      // once): a Repeater's own body would never run then, so the cancel hangs on return() itself.
      const leave = followed.return.bind(followed);
      followed.return = (value?: PromiseLike<unknown> | unknown) => {
        if (!ended) {
          cancel(id).catch((error) =>
            logger.warn("could not cancel an execution its follower left", { executionId: id, error: String(error) }),
          );
        }
        return leave(value);
      };
      return followed;
    },

    /**
     * Start-up sweep: executions that were queued or running are marked ERROR, and containers of
     * this data folder that belong to no live execution and to no pool here (a crash left them,
     * pooled or not) are removed.
     */
    async recover(): Promise<void> {
      for (const execution of store.unfinished()) {
        if (live.has(execution.id)) continue;
        store.update(execution.id, { status: "ERROR", error: "server restarted", finishedAt: new Date() });
        emit(execution.id, { kind: "STATUS", status: "ERROR" });
      }
      const inUse = deps.pool.containerIds();
      for (const entry of live.values()) if (entry.containerId) inUse.add(entry.containerId);
      for (const container of await listOwnedContainers(docker, { [STORE_LABEL]: deps.storeLabel })) {
        if (inUse.has(container.id)) continue;
        logger.info("removing a container left by an earlier run", { containerId: container.id });
        await removeContainer(docker, container.id);
      }
    },

    /**
     * Live usage samples of an execution, about every 250 ms, ending with its final usage; one that
     * has already ended yields its final usage alone.
     */
    usage(actor: Actor, id: string): Repeater<UsageSample> {
      requireExecution(actor, id);
      return usageSamples({
        containerId: () => live.get(id)?.containerId,
        ended: () => {
          const execution = recorded(id);
          return isFinalStatus(execution.status) ? { usage: execution.usage } : null;
        },
        reader: usageReader,
      });
    },

    /** Whether the execution is queued or running here (retention never touches those). */
    isLive: (id: string): boolean => live.has(id),

    /** Executions waiting for a place under the concurrency limit, and running, now. */
    load: (): { queued: number; running: number } => ({ queued: gate.waiting, running: gate.active }),

    /** Fills the pool for the default image, in the background. */
    warmPool: (): void => deps.pool.refill(),

    /**
     * Stops every live execution (they end as ERROR), empties the pool, and waits until every
     * container is gone.
     */
    async shutdown(): Promise<void> {
      const entries = [...live.values()];
      for (const entry of entries) entry.abort.abort("shutdown" satisfies AbortReason);
      await Promise.all(entries.map((entry) => entry.done));
      await deps.compiler.close();
      await deps.pool.close();
      await deps.reaper.settled();
    },
  };
}

/** What an event says; the log adds the execution id, its seq and the time. */
type EventContent = { kind: "LOG"; stream: OutputStream; data: string } | { kind: "STATUS"; status: ExecutionStatus };

export type ExecutionService = ReturnType<typeof createExecutionService>;
