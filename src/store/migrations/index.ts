/**
 * The store's migrations, in order, run by Kysely's Migrator (which records each one it ran in
 * kysely_migration). The first is the seven steps from before Kysely: a database that had them all
 * (user_version 7) records it as run without changing anything, and goes on from there.
 */
import { type Kysely, type Migration, Migrator } from "kysely";
import { messageOf } from "../../domain/errors.js";
import type { StoreDialect } from "../store-dialect.js";
import { sevenSteps } from "./0001-seven-steps.js";
import { executionFiles } from "./0002-execution-files.js";
import { quotaCounters } from "./0003-quota-counters.js";

/** Every migration by name; the names sort in the order they run. */
function migrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    "0001-seven-steps": sevenSteps(dialect),
    "0002-execution-files": executionFiles(dialect),
    "0003-quota-counters": quotaCounters(),
  };
}

/** Runs the migrations this database has not had yet, each in a transaction; throws on the first that fails. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(dialect) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === "Error")?.migrationName ?? "before any migration";
  throw new Error(`the store's migration failed (${failed}): ${messageOf(error)}`, { cause: error });
}
