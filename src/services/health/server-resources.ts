/**
 * What the server holds and does now, for admins (the GraphQL health detail and the disk gauges of
 * /metrics): executions queued and running, read at once; Docker's disk use and the data folder's
 * size, which take a while to measure, from caches refreshed in the background.
 */
import type { Dirent } from "node:fs";
import { lstat, opendir } from "node:fs/promises";
import { join } from "node:path";
import type { EngineInfo } from "../../domain/engine.js";
import { messageOf } from "../../domain/errors.js";
import type { DataDirUsage, DockerDiskUsage, ServerResources } from "../../domain/health.js";
import type { Logger } from "../../logger.js";
import { createBackgroundValue } from "../lib/background-value.js";

/** A measurement older than this is refreshed (in the background) at the next read. */
export const DISK_USAGE_MAX_AGE_MS = 30_000;

export interface ServerResourcesDeps {
  engine: Pick<EngineInfo, "diskUsage">;
  dataDir: string;
  /** Executions waiting for a place and running, now. */
  load(): { queued: number; running: number };
  logger: Logger;
  maxAgeMs?: number;
}

export interface ServerResourcesService {
  /** Never waits: the disk figures are the last measurements (null until the first lands). */
  current(): ServerResources;
  /** Starts both measurements; resolves when they have landed (or failed). */
  refresh(): Promise<void>;
}

export function createServerResources(deps: ServerResourcesDeps): ServerResourcesService {
  const maxAgeMs = deps.maxAgeMs ?? DISK_USAGE_MAX_AGE_MS;
  const warn = (what: string) => (error: unknown) =>
    deps.logger.debug(`could not measure ${what}`, { error: messageOf(error) });
  const dockerDisk = createBackgroundValue<DockerDiskUsage>(
    async () => ({ ...(await deps.engine.diskUsage()), measuredAt: new Date() }),
    maxAgeMs,
    warn("Docker's disk use"),
  );
  const dataDir = createBackgroundValue<DataDirUsage>(
    async () => ({ bytes: await folderBytes(deps.dataDir), measuredAt: new Date() }),
    maxAgeMs,
    warn("the data folder's size"),
  );
  return {
    current() {
      const { queued, running } = deps.load();
      return {
        executionsQueued: queued,
        executionsRunning: running,
        dockerDisk: dockerDisk.current(),
        dataDir: dataDir.current(),
      };
    },
    async refresh() {
      await Promise.all([dockerDisk.refresh(), dataDir.refresh()]);
    },
  };
}

/** The sizes of the files under `root`, summed; symbolic links are not followed, and files that vanish meanwhile count as nothing. */
export async function folderBytes(root: string): Promise<number> {
  let total = 0;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: AsyncIterable<Dirent>;
    try {
      entries = await opendir(dir);
    } catch (error) {
      if (isGone(error)) continue;
      throw error;
    }
    for await (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) {
        try {
          total += (await lstat(path)).size;
        } catch (error) {
          if (!isGone(error)) throw error;
        }
      }
    }
  }
  return total;
}

const isGone = (error: unknown) => ["ENOENT", "ENOTDIR"].includes((error as { code?: string }).code ?? "");
