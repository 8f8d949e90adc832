/**
 * Crash recovery, run at start by the process that holds the data folder's lock: executions that
 * a stopped process left queued or running end ERROR ("server restarted"), since no process runs
 * them any more; and the folder's containers that belong to no live execution and to no pool here
 * (a crash left them, pooled or not) are removed.
 */
import type { ContainerClient } from "../../domain/engine.js";
import type { Logger } from "../../logger.js";
import type { ExecutionStore } from "../../store/execution-store.js";
import type { ExecutionLog } from "./execution-log.js";
import type { LiveExecutions } from "./live-execution.js";

export interface RecoveryDeps {
  store: Pick<ExecutionStore, "unfinished">;
  log: ExecutionLog;
  live: Pick<LiveExecutions, "has" | "containerIds">;
  /** The containers the pool holds ready: they are this process's own. */
  pooledContainerIds(): Set<string>;
  containers: Pick<ContainerClient, "listOwned" | "remove">;
  logger: Logger;
}

/** Ends the records first (they need no engine), then sweeps the containers (which do). */
export async function recoverExecutions(deps: RecoveryDeps): Promise<void> {
  for (const execution of await deps.store.unfinished()) {
    if (deps.live.has(execution.id)) continue;
    await deps.log.transition(execution, "ERROR", { error: "server restarted", finishedAt: new Date() });
  }
  const inUse = new Set([...deps.pooledContainerIds(), ...deps.live.containerIds()]);
  for (const containerId of await deps.containers.listOwned()) {
    if (inUse.has(containerId)) continue;
    deps.logger.info("removing a container left by an earlier run", { containerId });
    await deps.containers.remove(containerId);
  }
}
