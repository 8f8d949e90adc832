/** A real store (SQLite) in a fresh temporary data folder for each test, closed and removed after it. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { type Database, openDatabase } from "../../src/store/database.js";

export interface TempDatabase {
  readonly dataDir: string;
  readonly database: Database;
}

/**
 * Registers the hooks that open and remove the store. Call it first in a describe: vitest runs
 * after-hooks in reverse order, so the test's own clean-up still finds the store open.
 * `seed` fills the folder before the store opens it (a fixture of an older data folder).
 */
export function useTempDatabase(prefix: string, seed?: (dataDir: string) => Promise<void>): TempDatabase {
  let dataDir = "";
  let database: Database | undefined;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `${prefix}-`));
    await seed?.(dataDir);
    database = await openDatabase(dataDir);
  });
  afterEach(async () => {
    await database?.close();
    database = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    get dataDir() {
      return dataDir;
    },
    get database() {
      if (!database) throw new Error("the temporary store is open only while a test runs");
      return database;
    },
  };
}
