/**
 * What the server keeps: deleting one execution on request, and the pruner that removes old
 * history and files by the RETAIN_* settings (off unless one is set), so nothing grows forever.
 *
 * Never touched: an execution that is QUEUED or RUNNING (in the store, or live in the execution
 * service), and a stored file that any stored execution names as its fileId or in its fileIds.
 * Executions are pruned first, so a file is freed in the same prune as the last execution that
 * named it.
 */
import { ServiceError } from "../../domain/errors.js";
import { isFinalStatus } from "../../domain/execution.js";
import { type Actor, visibleTo } from "../../domain/principal.js";
import { type PruneReport, type RetentionPolicy, retentionEnabled } from "../../domain/retention.js";
import type { Logger } from "../../logger.js";
import { isDiskFull } from "../../store/database.js";
import type { ExecutionStore } from "../../store/execution-store.js";

export interface RetentionDeps {
  policy: RetentionPolicy;
  executions: ExecutionStore;
  /** Whether the execution service holds the execution as queued or running. */
  isLive(id: string): boolean;
  files: { prune(cutoff: Date): Promise<{ files: number; blobBytes: number }> };
  /** Gives the database's freed pages back to the file system; returns the bytes it shrank by. */
  reclaimSpace(): Promise<number>;
  logger: Logger;
}

export function createRetentionService(deps: RetentionDeps) {
  const { policy, executions: store, logger } = deps;
  let timer: NodeJS.Timeout | null = null;
  /** The prune under way: prunes never overlap, and stop() waits for this one. */
  let running: Promise<PruneReport> | null = null;

  /** Executions past the age bound, and past the size bound counting newest first. */
  async function doomedExecutions(now: Date): Promise<string[]> {
    const doomed = new Set<string>();
    if (policy.executionsMaxAgeMs !== null) {
      for (const id of await store.finishedBefore(new Date(now.getTime() - policy.executionsMaxAgeMs))) doomed.add(id);
    }
    if (policy.executionsMaxBytes !== null) {
      // The newest that fit are kept; from the first that does not, every older finished one goes.
      // Live ones are never removed, but their bytes count.
      let kept = 0;
      let full = false;
      for (const { id, status, bytes } of await store.weightsNewestFirst()) {
        if (doomed.has(id)) continue;
        const removable = isFinalStatus(status) && !deps.isLive(id);
        full ||= kept + bytes > policy.executionsMaxBytes;
        if (full && removable) doomed.add(id);
        else kept += bytes;
      }
    }
    return [...doomed].filter((id) => !deps.isLive(id));
  }

  async function pruneNow(now: Date): Promise<PruneReport> {
    const doomed = await doomedExecutions(now);
    let removed: { executions: number; events: number } | null = null;
    try {
      removed = await store.deleteFinished(doomed);
    } catch (error) {
      // On a full disk SQLite cannot delete; the files' blobs make room, then this is tried again.
      if (!isDiskFull(error)) throw error;
      logger.warn("the disk is full: pruning files first", { error: String(error) });
    }
    const files =
      policy.filesMaxAgeMs === null
        ? { files: 0, blobBytes: 0 }
        : await deps.files.prune(new Date(now.getTime() - policy.filesMaxAgeMs));
    removed ??= await store.deleteFinished(doomed.filter((id) => !deps.isLive(id)));
    let reclaimedBytes = 0;
    if (removed.executions > 0 || files.files > 0) {
      try {
        reclaimedBytes = await deps.reclaimSpace();
      } catch (error) {
        // A VACUUM needs free space of its own; on a full disk it waits for a later prune.
        logger.warn("could not give the database's free pages back", { error: String(error) });
      }
    }
    const report = { ...removed, ...files, reclaimedBytes };
    if (removed.executions > 0 || files.files > 0) logger.info("pruned old history and files", { ...report });
    return report;
  }

  /** One prune; a call while one runs waits for it and gets its report. */
  function prune(now = new Date()): Promise<PruneReport> {
    running ??= pruneNow(now).finally(() => {
      running = null;
    });
    return running;
  }

  const pruneLogged = () => {
    prune().catch((error) => logger.error("pruning failed", { error: String(error) }));
  };

  return {
    prune,

    /** Deletes a finished execution with its events; a live one is refused: cancel it first. */
    async deleteExecution(actor: Actor, id: string): Promise<boolean> {
      const execution = visibleTo(actor, await store.get(id));
      if (!execution) throw new ServiceError("NOT_FOUND", `id ${id} names no execution.`);
      if (!isFinalStatus(execution.status) || deps.isLive(id)) {
        throw new ServiceError(
          "BAD_USER_INPUT",
          `execution ${id} is still ${execution.status}: cancel it first (cancelExecution), then delete it.`,
        );
      }
      await store.deleteFinished([id]);
      return true;
    },

    /** Starts the pruner when a bound is set: one prune now (in the background), then one per interval. */
    start(): void {
      if (!retentionEnabled(policy) || timer) return;
      pruneLogged();
      timer = setInterval(pruneLogged, policy.intervalMs);
      timer.unref();
    },

    /** Stops the pruner and waits for a prune under way (before the store closes). */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
