/**
 * SQLite in its own words, in this one module: the data folder's file opened with better-sqlite3
 * and its pragmas, Kysely's SQLite dialect over it, and what has no portable form: AUTOINCREMENT
 * and WITHOUT ROWID in the migrations, the user_version the steps before Kysely counted in, giving
 * freed pages back, SQLite's error codes, its integrity check, and the exclusive transaction that
 * is the data folder's lock. Everything else in the store is written with Kysely's builder.
 */
import Sqlite from "better-sqlite3";
import { type DatabaseConnection, type Driver, type Kysely, SqliteDialect, SqliteDriver, sql } from "kysely";
import type { StoreDialect } from "./store-dialect.js";

/**
 * Opens the database file. WAL mode keeps readers (streams replaying events) from blocking the
 * writer. Free pages can be given back a few at a time (see reclaimSpace): auto_vacuum takes effect
 * only on a new database, before its first table; an older one is converted by reclaimSpace's one VACUUM.
 */
export function openSqliteDialect(file: string): StoreDialect {
  const database = new Sqlite(file);
  try {
    database.pragma("auto_vacuum = INCREMENTAL");
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("foreign_keys = ON");
  } catch (error) {
    database.close();
    throw error;
  }
  return {
    // Kysely's destroy() closes the file.
    kysely: new StoreSqliteDialect(database),
    serialKey: (column) => column.primaryKey().autoIncrement(),
    keyOrdered: (table) => table.modifyEnd(sql`without rowid`),
    // The steps before Kysely counted themselves in user_version; nothing has changed it since.
    legacySteps: async (db) => {
      const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
      return rows[0]?.user_version ?? 0;
    },
    reclaimSpace: (db) => reclaimSpace(database, db),
  };
}

/**
 * SQLite rolls a transaction back itself on some errors (SQLITE_FULL among them); Kysely's ROLLBACK
 * after that fails ("no transaction is active") and the caller would get that error instead of the
 * full disk. This driver rolls back only a transaction that is still open.
 */
class StoreSqliteDriver extends SqliteDriver {
  constructor(private readonly database: Sqlite.Database) {
    super({ database });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.database.inTransaction) await super.rollbackTransaction(connection);
  }
}

class StoreSqliteDialect extends SqliteDialect {
  constructor(private readonly database: Sqlite.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    return new StoreSqliteDriver(this.database);
  }
}

/** Whether a store error says the disk is full (SQLite needs room even to delete). */
export const isDiskFull = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === "SQLITE_FULL";

const INCREMENTAL = 2;

/**
 * With auto_vacuum INCREMENTAL (every database made since retention came) that is
 * `incremental_vacuum`, which only moves pages to the end and truncates. A database made before
 * runs VACUUM once, setting INCREMENTAL on the way (it rewrites the whole file, and needs as much
 * free space again). In WAL mode both write into the WAL first: the file shrinks at the checkpoint,
 * and TRUNCATE also empties the WAL, which a VACUUM made as large as the database.
 *
 * It runs on better-sqlite3 itself, whose pragma() steps incremental_vacuum to its end (through
 * Kysely it would free one page), while Kysely's one connection is held: no transaction of the
 * store's is open meanwhile (VACUUM cannot run inside one), and no query runs in between.
 */
function reclaimSpace(database: Sqlite.Database, db: Kysely<unknown>): Promise<number> {
  return db.connection().execute(async () => {
    const pragma = (name: string) => database.pragma(name, { simple: true }) as number;
    if (pragma("freelist_count") === 0) return 0;
    const before = pragma("page_count");
    if (pragma("auto_vacuum") === INCREMENTAL) {
      database.pragma("incremental_vacuum");
    } else {
      database.pragma("auto_vacuum = INCREMENTAL");
      database.exec("VACUUM");
    }
    database.pragma("wal_checkpoint(TRUNCATE)");
    return (before - pragma("page_count")) * pragma("page_size");
  });
}

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
