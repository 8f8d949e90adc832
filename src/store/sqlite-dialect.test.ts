/**
 * SQLite's own side of the store: a new database gives freed pages back a few at a time, and one
 * made before incremental vacuum is converted by a single VACUUM. Pragmas are read here with a
 * second connection of SQLite's own, as nothing else in the store may.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storedExecution } from "../../tests/fakes/executions.js";
import { type Database, openDatabase } from "./database.js";
import { createExecutionStore } from "./execution-store.js";

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
});
