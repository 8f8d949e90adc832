/**
 * SQLite in its own words, outside the store's queries: its integrity check, which the fault tests
 * read, and the exclusive transaction that is the data folder's lock.
 */
import Sqlite from "better-sqlite3";

/** "ok" when the database file is intact; otherwise SQLite's first finding. Opens it read-only. */
export function integrityOf(file: string): string {
  const database = new Sqlite(file, { readonly: true });
  try {
    return database.pragma("integrity_check", { simple: true }) as string;
  } finally {
    database.close();
  }
}

/** Another connection holds the lock of `exclusiveLock`. */
export class LockHeldError extends Error {}

/**
 * Node has no flock, so an exclusive lock on a file is SQLite's own: a connection in exclusive
 * locking mode with `BEGIN EXCLUSIVE` left open until release(). SQLite's POSIX locks belong to the
 * process and die with it, so a crashed holder never leaves a stale lock. A second connection, in
 * this process or another, gets SQLITE_BUSY: LockHeldError. Nothing else may open the file in the
 * holder: closing any other descriptor of it drops POSIX locks.
 */
export function exclusiveLock(file: string): { release(): void } {
  // timeout 0: a held lock is an answer, not something to wait out.
  const connection = new Sqlite(file, { timeout: 0 });
  try {
    connection.pragma("locking_mode = EXCLUSIVE");
    connection.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    connection.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") throw new LockHeldError(`${file} is locked`);
    throw error;
  }
  return { release: () => connection.close() };
}
