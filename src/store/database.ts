/**
 * The store's database: the data folder's SQLite file, through Kysely, migrated to the latest
 * schema before anything reads it. The only module that opens it, and the one that chooses the
 * engine; what the engine says in its own way is behind StoreDialect (see sqlite-dialect.ts).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Kysely } from "kysely";
import { migrateToLatest } from "./migrations/index.js";
import { openSqliteDialect } from "./sqlite-dialect.js";
import type { Db, Tables } from "./tables.js";

export { isDiskFull } from "./sqlite-dialect.js";

export interface Database {
  /** The typed query builder over the store's tables: what the store modules are made with. */
  readonly db: Db;
  /** Gives the room that deletes freed back to the file system; returns how many bytes. */
  reclaimSpace(): Promise<number>;
  /** Closes the database once the queries under way are done. */
  close(): Promise<void>;
}

export async function openDatabase(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const dialect = openSqliteDialect(join(dataDir, "executor.sqlite"));
  const db = new Kysely<Tables>({ dialect: dialect.kysely });
  try {
    await migrateToLatest(db as Kysely<unknown>, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    reclaimSpace: () => dialect.reclaimSpace(db as Kysely<unknown>),
    close: () => db.destroy(),
  };
}
