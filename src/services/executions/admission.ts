/**
 * Admission: whether a run may be recorded at all. The request is checked and planned first
 * (code, inputs, limits, image, runtime: see execution-plan.ts); then the actor's quotas and the
 * server's queue are checked and a place is reserved with nothing awaited in between, so that two
 * requests can never both take the last place. The place is held until the run releases it.
 */
import { randomUUID } from "node:crypto";
import { ServiceError } from "../../domain/errors.js";
import type { Execution } from "../../domain/execution.js";
import type { ExecutionPolicy } from "../../domain/limits.js";
import type { Actor } from "../../domain/principal.js";
import { requireWithinQuota } from "../auth/quota-check.js";
import type { ConcurrencyGate } from "../lib/concurrency-gate.js";
import { createOwnerCounter } from "../lib/owner-counter.js";
import { createRateWindow } from "../lib/rate-window.js";
import { analyzeCode } from "./code-analysis.js";
import { type PlanDeps, planExecution, type RunRequest } from "./execution-plan.js";
import type { RunPlan } from "./live-execution.js";

export interface AdmissionDeps extends PlanDeps {
  policy: ExecutionPolicy;
  /** The server's concurrency gate: its queue is bounded by EXEC_MAX_QUEUED. */
  gate: Pick<ConcurrencyGate, "active" | "waiting">;
  /** The window of the per-minute quota, in milliseconds (a minute, shorter in tests). */
  quotaWindowMs: number;
  now?: () => number;
}

export interface Admitted {
  /** The new record, QUEUED, not yet stored. */
  execution: Execution;
  plan: RunPlan;
  /** Gives the place back (once): when the run has ended. */
  release(): void;
}

export interface Admission {
  /**
   * Plans the run and takes its place, or throws (BAD_USER_INPUT, LIMIT_EXCEEDED, QUOTA_EXCEEDED, …)
   * with nothing recorded and no place held.
   */
  admit(actor: Actor, request: RunRequest): Promise<Admitted>;
}

export function createAdmission(deps: AdmissionDeps): Admission {
  const { policy, gate } = deps;
  /** Places held per principal: its executions admitted and not yet ended. */
  const held = createOwnerCounter();
  /** When each principal started its recent executions, for the per-minute quota. */
  const recentStarts = createRateWindow(deps.quotaWindowMs, deps.now);

  /** Refuses a run that would pass the actor's quotas or the server's queue; otherwise holds a place. */
  function takePlace(actor: Actor): () => void {
    const owner = actor.principalId;
    requireWithinQuota(actor, "executionsAtOnce", held.count(owner));
    requireWithinQuota(actor, "executionsPerMinute", recentStarts.count(actor.principalId));
    if (gate.waiting >= policy.maxQueued && gate.active >= policy.maxConcurrency) {
      throw new ServiceError(
        "QUOTA_EXCEEDED",
        `the server's queue is full: ${gate.waiting} executions are waiting, at most ${policy.maxQueued} may (EXEC_MAX_QUEUED).`,
      );
    }
    recentStarts.record(owner);
    return held.start(owner);
  }

  return {
    async admit(actor, request) {
      const { language, limits, image, workspace, isolation, runtime, argv } = await planExecution(
        actor,
        request,
        deps,
      );
      const release = takePlace(actor);
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
      return { execution, plan: { workspace, argv, runtimeLine: runtime.line }, release };
    },
  };
}
