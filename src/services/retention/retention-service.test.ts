/**
 * Retention with the real store (SQLite and blobs in a temporary folder): pruning by age and by
 * size, never a live execution or a file a kept execution names, events going with their
 * execution, space given back; and deleting one execution.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { testActor } from "../../../tests/fakes/actors.js";
import { storedExecution } from "../../../tests/fakes/executions.js";
import { useTempDatabase } from "../../../tests/fakes/temp-database.js";
import type { ExecutionStatus } from "../../domain/execution.js";
import { type RetentionPolicy, retentionEnabled } from "../../domain/retention.js";
import { createLogger } from "../../logger.js";
import { createBlobStore } from "../../store/blob-store.js";
import { createExecutionStore, type ExecutionStore } from "../../store/execution-store.js";
import { createFileStore } from "../../store/file-store.js";
import { createFileService, type FileService } from "../files/file-service.js";
import { createRetentionService } from "./retention-service.js";

const DAY = 86_400_000;
const NOW = new Date("2030-01-31T00:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const OFF: RetentionPolicy = {
  executionsMaxAgeMs: null,
  executionsMaxBytes: null,
  filesMaxAgeMs: null,
  intervalMs: 1000,
};

describe("retention", () => {
  const temp = useTempDatabase("retention");
  let executions: ExecutionStore;
  let files: FileService;
  const live = new Set<string>();
  const user = testActor("user");
  const other = testActor("user", { principalId: "other-principal" });
  const admin = testActor("admin");

  beforeEach(async () => {
    executions = createExecutionStore(temp.database.db);
    files = createFileService({
      store: createFileStore(temp.database.db),
      blobs: createBlobStore(temp.dataDir),
      maxFileBytes: 1 << 20,
    });
    live.clear();
  });

  const retention = (policy: Partial<RetentionPolicy>) =>
    createRetentionService({
      policy: { ...OFF, ...policy },
      executions,
      isLive: (id) => live.has(id),
      files,
      reclaimSpace: temp.database.reclaimSpace,
      logger: createLogger("error"),
    });

  /** An execution that ended `days` ago, with `events` log events of `eventBytes` each. */
  async function seed(
    id: string,
    days: number,
    options: {
      status?: ExecutionStatus;
      events?: number;
      eventBytes?: number;
      fileIds?: string[];
      fileId?: string;
    } = {},
  ) {
    const at = daysAgo(days);
    const status = options.status ?? "SUCCEEDED";
    const final = status !== "QUEUED" && status !== "RUNNING";
    const chunk = (seq: number) =>
      ({
        executionId: id,
        seq,
        at,
        kind: "LOG",
        stream: "STDOUT",
        data: "x".repeat(options.eventBytes ?? 10),
      }) as const;
    await executions.insert(
      storedExecution({
        id,
        ownerId: user.principalId,
        status,
        createdAt: at,
        fileIds: options.fileIds ?? [],
        fileId: options.fileId ?? null,
      }),
      chunk(1),
    );
    if (final) await executions.update(id, { finishedAt: at });
    for (let seq = 2; seq <= (options.events ?? 2); seq++) await executions.appendEvent(chunk(seq));
  }
  const kept = async () =>
    (await executions.page({ first: 100, afterPosition: null, status: null, language: null, ownerId: null })).items.map(
      (item) => item.execution.id,
    );
  const eventCount = async (id: string) => (await executions.eventsAfter(id, 0, 10_000)).length;
  const upload = async (name: string, days: number, content = `# ${name}`) => {
    const file = await files.upload(user, { name, content });
    const createdAt = daysAgo(days).toISOString();
    await temp.database.db
      .updateTable("stored_files")
      .set({ created_at: createdAt })
      .where("id", "=", file.id)
      .execute();
    return file;
  };
  /** The temp.database's bytes on disk, its write-ahead log included. */
  const databaseBytes = () =>
    ["", "-wal"].reduce((sum, suffix) => {
      const file = join(temp.dataDir, `executor.sqlite${suffix}`);
      return sum + (existsSync(file) ? statSync(file).size : 0);
    }, 0);
  const blobPath = (sha256: string) => join(temp.dataDir, "blobs", sha256.slice(0, 2), sha256);

  it("is off unless a bound is set, and then prunes nothing", async () => {
    expect(retentionEnabled(OFF)).toBe(false);
    await seed("ancient", 3650);
    await upload("old.py", 3650);
    expect(await retention({}).prune(NOW)).toMatchObject({ executions: 0, files: 0 });
    expect(await kept()).toEqual(["ancient"]);
  });

  it("removes finished executions past the age with their events, never a live one", async () => {
    await seed("old", 40, { events: 5 });
    await seed("old-failed", 31, { status: "FAILED" });
    await seed("recent", 2);
    await seed("old-running", 40, { status: "RUNNING" });
    await seed("old-queued", 40, { status: "QUEUED" });
    await seed("old-but-live", 40);
    live.add("old-but-live");
    const report = await retention({ executionsMaxAgeMs: 30 * DAY }).prune(NOW);
    expect(report).toMatchObject({ executions: 2, events: 7, files: 0 });
    expect((await kept()).sort()).toEqual(["old-but-live", "old-queued", "old-running", "recent"]);
    expect(await eventCount("old")).toBe(0);
    expect(await eventCount("recent")).toBe(2);
  });

  it("keeps the newest executions that fit in the size bound and removes every older finished one", async () => {
    // Each weighs a little over 10 KB (two events of 5000 bytes).
    for (const [index, id] of ["e1", "e2", "e3", "e4", "e5"].entries()) {
      await seed(id, 10 - index, { events: 2, eventBytes: 5000 });
    }
    live.add("e4");
    const weights = await executions.weightsNewestFirst();
    expect(weights.map((weight) => weight.id)).toEqual(["e5", "e4", "e3", "e2", "e1"]);
    const each = weights[0]?.bytes ?? 0;
    expect(each).toBeGreaterThan(10_000);
    expect(each).toBeLessThan(11_000);
    const report = await retention({ executionsMaxBytes: 3 * each + 10 }).prune(NOW);
    // e5, e4 (live, counted) and e3 fit; e2 and e1 go.
    expect(report).toMatchObject({ executions: 2, events: 4 });
    expect(await kept()).toEqual(["e5", "e4", "e3"]);
    // A live execution is kept even when it alone passes the bound.
    const tight = await retention({ executionsMaxBytes: 1 }).prune(NOW);
    expect(tight.executions).toBe(2);
    expect(await kept()).toEqual(["e4"]);
  });

  it("removes old files that no kept execution names, and their blobs; keeps the rest", async () => {
    const unused = await upload("unused.py", 40);
    const ranByKept = await upload("ran.py", 40);
    const copiedByKept = await upload("helper.py", 40);
    const namedByPruned = await upload("pruned.py", 40);
    const recent = await upload("recent.py", 1);
    const sharedBlob = await upload("copy.py", 40, "# recent.py");
    await seed("kept-run", 1, { fileId: ranByKept.id });
    await seed("kept-copy", 1, { fileIds: [copiedByKept.id] });
    await seed("pruned-run", 60, { fileIds: [namedByPruned.id] });
    const report = await retention({ executionsMaxAgeMs: 30 * DAY, filesMaxAgeMs: 30 * DAY }).prune(NOW);
    expect(report).toMatchObject({ executions: 1, files: 3 });
    expect(await files.get(admin, unused.id)).toBeNull();
    expect(await files.get(admin, namedByPruned.id)).toBeNull();
    expect(await files.get(admin, sharedBlob.id)).toBeNull();
    expect(await files.get(admin, ranByKept.id)).not.toBeNull();
    expect(await files.get(admin, copiedByKept.id)).not.toBeNull();
    expect(await files.get(admin, recent.id)).not.toBeNull();
    expect(existsSync(blobPath(unused.sha256))).toBe(false);
    // copy.py had the same content as recent.py: the blob stays for the file that is kept.
    expect(existsSync(blobPath(recent.sha256))).toBe(true);
    expect(report.blobBytes).toBe(unused.sizeBytes + namedByPruned.sizeBytes);
  });

  it("gives the freed pages back to the file system", async () => {
    for (let index = 0; index < 40; index++) await seed(`big-${index}`, 40, { events: 20, eventBytes: 4000 });
    const before = databaseBytes();
    const report = await retention({ executionsMaxAgeMs: DAY }).prune(NOW);
    expect(report.executions).toBe(40);
    expect(report.reclaimedBytes).toBeGreaterThan(2_000_000);
    expect(databaseBytes()).toBeLessThan(before - 2_000_000);
  });

  it("deletes one finished execution with its events, for its owner or an admin only", async () => {
    await seed("mine", 1, { events: 3 });
    await seed("also-mine", 1);
    await seed("running", 1, { status: "RUNNING" });
    await seed("live", 1);
    live.add("live");
    const service = retention({});
    await expect(service.deleteExecution(other, "mine")).rejects.toThrowError(
      expect.objectContaining({ code: "NOT_FOUND", message: "id mine names no execution." }),
    );
    expect(await service.deleteExecution(user, "mine")).toBe(true);
    expect(await eventCount("mine")).toBe(0);
    expect(await executions.get("mine")).toBeNull();
    await expect(service.deleteExecution(user, "mine")).rejects.toThrowError(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(await service.deleteExecution(admin, "also-mine")).toBe(true);
    for (const id of ["running", "live"]) {
      await expect(service.deleteExecution(user, id)).rejects.toThrowError(
        expect.objectContaining({ code: "BAD_USER_INPUT", message: expect.stringContaining("cancel it first") }),
      );
      expect(await executions.get(id)).not.toBeNull();
    }
  });

  it("runs one prune at a time, and stop() waits for it", async () => {
    await seed("old", 40);
    const service = retention({ executionsMaxAgeMs: DAY });
    const [first, second] = await Promise.all([service.prune(NOW), service.prune(NOW)]);
    expect(second).toBe(first);
    service.start();
    await service.stop();
    expect(await kept()).toEqual([]);
  });
});
