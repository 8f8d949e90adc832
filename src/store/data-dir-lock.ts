/**
 * One process per data folder: the one that runs the service stack holds an exclusive lock on it, so
 * no two processes ever sweep, queue or limit the same executions and containers.
 *
 * Node has no flock, so the lock is SQLite's own (see exclusiveLock in sqlite-dialect.ts): an
 * exclusive transaction on `DATA_DIR/lock.db` left open for the process's life. Its POSIX locks die
 * with the process, so a crashed holder never leaves a stale lock: that is the whole of the
 * stale-lock detection. Nothing else may open lock.db in the holder.
 *
 * Beside it, `owner.json` names the holder (`{ pid, url }`, url once its HTTP server listens), so a
 * refused process can say who holds the folder and an MCP stdio process can reach the holder.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exclusiveLock, LockHeldError } from "./sqlite-dialect.js";

export const LOCK_FILE = "lock.db";
export const OWNER_FILE = "owner.json";

/** What owner.json says about the holder. */
export interface DataDirOwner {
  pid: number;
  /** The holder's GraphQL URL; null until its HTTP server listens (and always for an `mcp` stdio holder). */
  url: string | null;
}

export interface DataDirLock {
  readonly dataDir: string;
  /** Records the holder's GraphQL URL in owner.json. */
  advertise(url: string): void;
  /** Removes owner.json and drops the lock. */
  release(): void;
}

/** Another live process holds the folder; `holder` is what its owner.json says (null when not yet written). */
export class DataDirHeldError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirOwner | null,
  ) {
    super(
      `DATA_DIR ${dataDir} is held by another mcp-docker-executor process (pid ${holder?.pid ?? "unknown"}); ` +
        "stop it or give this server its own DATA_DIR.",
    );
    this.name = "DataDirHeldError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The holder as owner.json names it, or null when there is none to read or it names a dead process
 * (a crashed holder's file, about to be overwritten by the next holder).
 */
export function readOwner(dataDir: string): DataDirOwner | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, OWNER_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const owner = parseOwner(text);
  return owner && isAlive(owner.pid) ? owner : null;
}

/**
 * Null for anything but `{ pid, url }`: the file is only ever written whole (by rename), so another
 * shape was made by hand, and the lock, not this file, says whether the folder is held.
 */
function parseOwner(text: string): DataDirOwner | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const { pid, url } = (value ?? {}) as Partial<DataDirOwner>;
  if (!Number.isInteger(pid) || (url !== null && typeof url !== "string")) return null;
  return { pid: pid as number, url };
}

function writeOwner(dataDir: string, owner: DataDirOwner): void {
  // Written aside and renamed, so a reader never sees half a file.
  const file = join(dataDir, OWNER_FILE);
  writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify(owner)}\n`);
  renameSync(`${file}.${process.pid}.tmp`, file);
}

/** Takes the folder's lock (creating the folder), or throws DataDirHeldError when a live process holds it. */
export function takeDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  let lock: { release(): void };
  try {
    lock = exclusiveLock(join(dataDir, LOCK_FILE));
  } catch (error) {
    if (error instanceof LockHeldError) throw new DataDirHeldError(dataDir, readOwner(dataDir));
    throw error;
  }
  writeOwner(dataDir, { pid: process.pid, url: null });
  let released = false;
  return {
    dataDir,
    advertise(url) {
      if (!released) writeOwner(dataDir, { pid: process.pid, url });
    },
    release() {
      if (released) return;
      released = true;
      // Removed before the lock drops: owner.json never names a holder that has let go.
      rmSync(join(dataDir, OWNER_FILE), { force: true });
      lock.release();
    },
  };
}
