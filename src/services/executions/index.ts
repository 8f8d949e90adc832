/**
 * Executions: the facade the resolvers, REST, MCP and the CLI call. It composes the parts of this
 * folder: admission (plan, quotas, queue bound), the record's state machine and event log, the run
 * in a sandbox, following with a detach choice, live usage, and crash recovery; and it owns the
 * registry of live executions that ties them together.
 */
import type { Repeater } from "@repeaterjs/repeater";
import type { ContainerClient } from "../../domain/engine.js";
import { ServiceError } from "../../domain/errors.js";
import type { Execution, ExecutionStatus } from "../../domain/execution.js";
import { isFinalStatus } from "../../domain/execution.js";
import type { ExecutionPolicy } from "../../domain/limits.js";
import { type Actor, visibleTo } from "../../domain/principal.js";
import type { ExecuteFileRequest, ExecuteRequest } from "../../domain/run-inputs.js";
import type { UsageSample } from "../../domain/usage.js";
import { LANGUAGES, languageById } from "../../languages/index.js";
import type { Logger } from "../../logger.js";
import type { ExecutionObserver } from "../../metrics/index.js";
import type { ExecutionPage, ExecutionPageQuery, ExecutionStore } from "../../store/execution-store.js";
import { ownerFilter } from "../auth/owner-filter.js";
import { createConcurrencyGate } from "../lib/concurrency-gate.js";
import { followLog, type LogNotifier } from "../lib/log-follower.js";
import type { ResidentCompiler } from "../sandbox/resident-compiler.js";
import type { SandboxPool } from "../sandbox/sandbox-pool.js";
import { createAdmission } from "./admission.js";
import { type DetachChoice, ExecutionFollower } from "./execution-follower.js";
import { createExecutionLog } from "./execution-log.js";
import type { PlanDeps, RunRequest } from "./execution-plan.js";
import { createExecutionRunner } from "./execution-run.js";
import { createLiveExecutions, LiveExecution } from "./live-execution.js";
import { recoverExecutions } from "./recovery.js";
import { usageSamples } from "./usage-samples.js";

export type { DetachChoice, ExecutionFollower } from "./execution-follower.js";

export interface FollowOptions {
  /** Events after this seq (0: all of them). */
  afterSeq?: number;
  onDetach: DetachChoice;
}

export interface ExecutionServiceDeps extends PlanDeps {
  /** The Docker image an image of ours has now (an install replaces it); null unless READY. */
  currentDockerImage(imageId: string): Promise<string | null>;
  /** The window of the per-minute quota, in milliseconds (a minute, shorter in tests). */
  quotaWindowMs: number;
  containers: Pick<ContainerClient, "runSandbox" | "usageReader" | "listOwned" | "remove" | "reaped">;
  store: ExecutionStore;
  notifier: LogNotifier;
  /** Ready sandboxes; a run takes one when its profile is warm. */
  pool: Pick<SandboxPool, "take" | "refill" | "containerIds" | "close">;
  /** Compilers kept warm for languages that have one (C#). */
  compiler: Pick<ResidentCompiler, "compile" | "close">;
  /** Whether runs report what they used (EXEC_USAGE). */
  collectUsage: boolean;
  logger: Logger;
  /** Told when runs start and end (the metrics). */
  observer?: ExecutionObserver;
}

export interface ExecutionService {
  /** The defaults and maxima in force. */
  readonly policy: ExecutionPolicy;
  /** Runs code (under the language's own file name), as the `execute` mutation does. */
  execute(actor: Actor, request: ExecuteRequest): Promise<Execution>;
  /** Runs a stored file under its own name; `language` overrides the file's own. */
  executeFile(actor: Actor, request: ExecuteFileRequest): Promise<Execution>;
  /** Stops a queued or running execution (it ends CANCELLED); a finished one is returned as it is. */
  cancel(actor: Actor, id: string): Promise<Execution>;
  get(actor: Actor, id: string): Promise<Execution | null>;
  /** The execution, when the actor may see it (its own, or any for an admin); otherwise NOT_FOUND. */
  require(actor: Actor, id: string): Promise<Execution>;
  /** Where an execution is, and the seq of its last event (what a stream resumes after). */
  progress(actor: Actor, id: string): Promise<{ status: ExecutionStatus; lastSeq: number }>;
  /** A user's own executions; an admin's view of everyone's, or of one principal's with `principalId`. */
  page(
    actor: Actor,
    query: Omit<ExecutionPageQuery, "ownerId"> & { principalId?: string | null },
  ): Promise<ExecutionPage>;
  /** Follows an execution: its events after `afterSeq`, then live ones, ending after the final status. */
  follow(actor: Actor, id: string, options: FollowOptions): Promise<ExecutionFollower>;
  /** Live usage samples, about every 250 ms, ending with the final usage (alone, for one already ended). */
  usage(actor: Actor, id: string): Promise<Repeater<UsageSample>>;
  /** Start-up sweep: see recovery.ts. */
  recover(): Promise<void>;
  /** Whether the execution is queued or running here (retention never touches those). */
  isLive(id: string): boolean;
  /** Executions waiting for a place under the concurrency limit, and running, now. */
  load(): { queued: number; running: number };
  /** Fills the pool for the default image, in the background. */
  warmPool(): void;
  /** Stops every live execution (they end ERROR), empties the pool, and waits until every container is gone. */
  shutdown(): Promise<void>;
}

export function createExecutionService(deps: ExecutionServiceDeps): ExecutionService {
  const { store, notifier, policy, logger } = deps;
  const gate = createConcurrencyGate(policy.maxConcurrency);
  const live = createLiveExecutions();
  const log = createExecutionLog({ store, notifier, live, logger });
  const admission = createAdmission({ ...deps, gate });
  const run = createExecutionRunner({ ...deps, gate, log });

  async function submit(actor: Actor, request: RunRequest & { wait?: boolean | null }): Promise<Execution> {
    const { execution, plan, release } = await admission.admit(actor, request);
    const entry = new LiveExecution(execution, plan);
    // Live from here, before the record is written: a shutdown meanwhile waits for `done`.
    live.add(entry);
    const opened = log.open(execution);
    // Recorded (in one transaction, so all or nothing) and then run; an open that fails runs
    // nothing. Either way the place goes back once it has ended.
    entry.done = opened
      .then(
        () => run(entry),
        () => undefined,
      )
      .finally(() => {
        live.delete(execution.id);
        release();
      });
    await opened;
    if (request.wait ?? true) await entry.done;
    return recorded(execution.id);
  }

  async function recorded(id: string): Promise<Execution> {
    const execution = await store.get(id);
    if (!execution) throw new ServiceError("NOT_FOUND", `id ${id} names no execution.`);
    return execution;
  }

  async function requireExecution(actor: Actor, id: string): Promise<Execution> {
    const execution = visibleTo(actor, await store.get(id));
    if (!execution) throw new ServiceError("NOT_FOUND", `id ${id} names no execution.`);
    return execution;
  }

  async function cancel(id: string): Promise<Execution> {
    await live.get(id)?.stop("cancelled");
    return recorded(id);
  }

  return {
    policy,

    execute: (actor, request) =>
      submit(actor, { ...request, sourceName: languageById(request.language).sourceFileName, fileId: null }),

    async executeFile(actor, request) {
      const file = await deps.files.require(actor, request.fileId, "fileId");
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

    async cancel(actor, id) {
      await requireExecution(actor, id);
      return cancel(id);
    },

    get: async (actor, id) => visibleTo(actor, await store.get(id)),
    require: requireExecution,

    async progress(actor, id) {
      // The status first: its event is stored with it, so the last seq read after covers it.
      const { status } = await requireExecution(actor, id);
      return { status, lastSeq: await store.lastEventSeq(id) };
    },

    page: (actor, query) => store.page({ ...query, ownerId: ownerFilter(actor, query.principalId) }),

    async follow(actor, id, { afterSeq = 0, onDetach }) {
      await requireExecution(actor, id);
      const events = followLog(
        notifier,
        {
          id,
          read: (after) => store.eventsAfter(id, after),
          ended: async () => isFinalStatus((await recorded(id)).status),
        },
        afterSeq,
      );
      return new ExecutionFollower(events, onDetach, {
        wait: async () => {
          await live.get(id)?.done;
          return recorded(id);
        },
        cancel: () => cancel(id),
        onCancelFailed: (error) =>
          logger.warn("could not cancel an execution its follower left", { executionId: id, error: String(error) }),
      });
    },

    async usage(actor, id) {
      await requireExecution(actor, id);
      return usageSamples({
        containerId: () => live.get(id)?.containerId,
        ended: async () => {
          const execution = await recorded(id);
          return isFinalStatus(execution.status) ? { usage: execution.usage } : null;
        },
        reader: () => deps.containers.usageReader(),
      });
    },

    recover: () =>
      recoverExecutions({
        store,
        log,
        live,
        pooledContainerIds: () => deps.pool.containerIds(),
        containers: deps.containers,
        logger,
      }),

    isLive: (id) => live.has(id),
    load: () => ({ queued: gate.waiting, running: gate.active }),
    warmPool: () => deps.pool.refill(),

    async shutdown() {
      await Promise.all(live.all().map((entry) => entry.stop("shutdown")));
      await deps.compiler.close();
      await deps.pool.close();
      await deps.containers.reaped();
    },
  };
}
