/**
 * SQLite's own side of the store: a new database gives freed pages back a few at a time, and one
 * made before incremental vacuum is converted by a single VACUUM; a full disk reaches the caller as
 * SQLite's SQLITE_FULL. The test speaks SQLite itself (pragmas), as nothing else in the store may.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storedExecution } from "../../tests/fakes/executions.js";
import { type Database, openDatabase } from "./database.js";
import { createExecutionStore } from "./execution-store.js";
import { isDiskFull } from "./sqlite-dialect.js";

describe("the SQLite dialect", () => {
  let dataDir: string;
  let file: string;
  let database: Database | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sqlite-dialect-"));
    file = join(dataDir, "executor.sqlite");
  });
  afterEach(async () => {
    await database?.close();
    database = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  const autoVacuum = () => {
    const connection = new Sqlite(file, { readonly: true });
    try {
      return connection.pragma("auto_vacuum", { simple: true });
    } finally {
      connection.close();
    }
  };

  /** Writes `count` executions of 20 events of 4000 bytes each, then deletes them all. */
  async function fillAndEmpty(open: Database, count: number): Promise<void> {
    const executions = createExecutionStore(open.db);
    const ids = Array.from({ length: count }, (_, index) => `big-${index}`);
    for (const id of ids) {
      const chunk = (seq: number) =>
        ({ executionId: id, seq, at: new Date(0), kind: "LOG", stream: "STDOUT", data: "x".repeat(4000) }) as const;
      await executions.insert(storedExecution({ id }), chunk(1));
      for (let seq = 2; seq <= 20; seq++) await executions.appendEvent(chunk(seq));
    }
    expect(await executions.deleteFinished(ids)).toEqual({ executions: count, events: count * 20 });
  }

  it("makes a new database with incremental vacuum, and gives freed pages back", async () => {
    database = await openDatabase(dataDir);
    expect(autoVacuum()).toBe(2);
    expect(await database.reclaimSpace()).toBe(0);
    await fillAndEmpty(database, 40);
    expect(await database.reclaimSpace()).toBeGreaterThan(2_000_000);
    expect(await database.reclaimSpace()).toBe(0);
  });

  it("converts a database made before incremental vacuum with one VACUUM", async () => {
    await (await openDatabase(dataDir)).close();
    const old = new Sqlite(file);
    old.pragma("auto_vacuum = NONE");
    old.exec("VACUUM");
    old.close();
    expect(autoVacuum()).toBe(0);
    database = await openDatabase(dataDir);
    await fillAndEmpty(database, 20);
    expect(await database.reclaimSpace()).toBeGreaterThan(1_000_000);
    expect(autoVacuum()).toBe(2);
  });

  it("says a full disk is full, also when SQLite rolled the transaction back itself", async () => {
    database = await openDatabase(dataDir);
    const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(database.db);
    // A database that may grow by two pages stands for a full disk.
    await sql.raw(`PRAGMA max_page_count = ${(rows[0]?.page_count ?? 0) + 2}`).execute(database.db);
    const executions = createExecutionStore(database.db);
    const big = storedExecution({ id: "big", code: "x".repeat(200_000) });
    const first = { executionId: "big", seq: 1, at: new Date(0), kind: "STATUS", status: "QUEUED" } as const;
    const refused = await executions.insert(big, first).catch((error: unknown) => error);
    expect(isDiskFull(refused)).toBe(true);
    // Nothing of it was stored, and the store goes on.
    expect(await executions.get("big")).toBeNull();
    expect(await executions.deleteFinished(["big"])).toEqual({ executions: 0, events: 0 });
  });
});
