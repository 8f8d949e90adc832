/**
 * A data folder written by the store before Kysely (tests/fixtures/data-dir-v7: user_version 7,
 * see its README) opens with today's store, is migrated, and keeps every record with its fields:
 * principals, keys and sessions, files and their blobs, executions with their events, images with
 * their packages, installations and logs. Its schema then matches a new folder's.
 */
import { createHash } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDatabase } from "../../tests/fakes/temp-database.js";
import { createBlobStore } from "./blob-store.js";
import { type Database, openDatabase } from "./database.js";
import { createExecutionStore } from "./execution-store.js";
import { createFileStore } from "./file-store.js";
import { createImageStore } from "./image-store.js";
import { createPrincipalStore } from "./principal-store.js";

const FIXTURE = join(import.meta.dirname, "../../tests/fixtures/data-dir-v7");
const at = (text: string) => new Date(text);
const hash = (text: string) => createHash("sha256").update(text).digest("hex");

const MAIN_PY = "print(open('data.txt').read())\n";
const DATA = "1 2 3\n";
const LIMITS = { timeoutMs: 10_000, memoryMb: 256, cpus: 1, pids: 64, network: false, outputLimitBytes: 1_048_576 };

describe("a data folder from before Kysely (user_version 7)", () => {
  const temp = useTempDatabase("data-dir-v7", (dataDir) => cp(FIXTURE, dataDir, { recursive: true }));

  it("keeps its principals, API keys and login sessions", async () => {
    const principals = createPrincipalStore(temp.database.db);
    expect(await principals.principalByName("admin")).toEqual({ id: "p-admin", role: "admin" });
    expect(await principals.principalByName("ada")).toEqual({ id: "p-ada", role: "user" });
    const keys = await principals.listKeys();
    expect(keys.map(({ createdAt, ...key }) => ({ ...key, createdAt: createdAt instanceof Date }))).toEqual([
      {
        id: "k-admin",
        principalId: "p-admin",
        name: "admin",
        role: "admin",
        network: null,
        quotas: {},
        createdAt: true,
        lastUsedAt: null,
        revokedAt: null,
      },
      {
        id: "k-ada",
        principalId: "p-ada",
        name: "ada",
        role: "user",
        network: true,
        quotas: { fileBytes: 1_000_000, images: 3 },
        createdAt: true,
        lastUsedAt: at("2025-02-01T10:00:00.000Z"),
        revokedAt: null,
      },
      {
        id: "k-ada-old",
        principalId: "p-ada",
        name: "ada",
        role: "user",
        network: false,
        quotas: {},
        createdAt: true,
        lastUsedAt: null,
        revokedAt: expect.any(Date),
      },
    ]);
    expect((await principals.keyByHash(hash("mde_fixture-ada")))?.id).toBe("k-ada");
    expect((await principals.keyByHash(hash("mde_fixture-admin")))?.id).toBe("k-admin");
    expect(await principals.hasActiveAdminKey()).toBe(true);
    expect(await principals.sessionKeyId(hash("fixture-session"), new Date())).toBe("k-ada");
    expect(await principals.sessionKeyId(hash("fixture-session"), at("2099-01-01T00:00:01.000Z"))).toBeNull();
  });

  it("keeps its stored files and their blobs, and counts their bytes to their owners", async () => {
    const files = createFileStore(temp.database.db);
    const blobs = createBlobStore(temp.dataDir);
    const file = (
      id: string,
      ownerId: string,
      name: string,
      language: string | null,
      content: string,
      second: number,
    ) => ({
      id,
      ownerId,
      name,
      language,
      sizeBytes: Buffer.byteLength(content),
      sha256: hash(content),
      createdAt: at(`2025-03-01T00:00:0${second}.000Z`),
    });
    const main = file("f-main", "p-ada", "main.py", "PYTHON", MAIN_PY, 0);
    const data = file("f-data", "p-ada", "data.txt", null, DATA, 1);
    const copy = file("f-copy", "p-admin", "copy.txt", null, DATA, 2);
    for (const expected of [main, data, copy]) expect(await files.get(expected.id)).toEqual(expected);
    expect((await blobs.read(main.sha256)).toString()).toBe(MAIN_PY);
    expect((await blobs.read(data.sha256)).toString()).toBe(DATA);
    expect(await files.namingCount(data.sha256)).toBe(2);
    const page = await files.page({ first: 10, afterPosition: null, language: null, ownerId: null });
    expect(page.items.map((item) => item.file.id)).toEqual(["f-copy", "f-data", "f-main"]);
    expect(await files.stats(null)).toEqual({
      count: 3,
      totalBytes: main.sizeBytes + 2 * data.sizeBytes,
      byLanguage: [{ language: "PYTHON", count: 1 }],
    });
    expect(await files.bytesHeldBy("p-ada")).toBe(main.sizeBytes + data.sizeBytes);
    expect(await files.bytesHeldBy("p-admin")).toBe(data.sizeBytes);
    // The quota counts the carried bytes: ada may have 1_000_000 and holds 37.
    const over = { ...file("f-new", "p-ada", "new.txt", null, "x", 3), sizeBytes: 1_000_000 - 36 };
    expect(await files.insert(over, 1_000_000)).toEqual({ refused: true, used: main.sizeBytes + data.sizeBytes });
    // New rows number on from the old ones.
    expect(await files.insert({ ...over, sizeBytes: 1 }, 1_000_000)).toEqual({ refused: false });
    const newest = await files.page({ first: 1, afterPosition: null, language: null, ownerId: null });
    expect(newest.items[0]?.file.id).toBe("f-new");
    expect(newest.items[0]?.position).toBeGreaterThan(page.items[0]?.position ?? Number.POSITIVE_INFINITY);
  });

  it("keeps its executions with every field and every event, and which files they name", async () => {
    const executions = createExecutionStore(temp.database.db);
    expect(await executions.get("e-ok")).toEqual({
      id: "e-ok",
      ownerId: "p-ada",
      language: "PYTHON",
      runtimeVersion: "3.12.8",
      isolation: "STRONG",
      status: "SUCCEEDED",
      imageId: "i-tools",
      dockerImage: "sha256:tools1",
      fileId: "f-main",
      code: MAIN_PY,
      stdin: "in",
      args: ["--flag", "two words"],
      fileIds: ["f-data"],
      limits: LIMITS,
      warnings: ["reads a file"],
      exitCode: 0,
      stdout: DATA,
      stderr: "héllo ✓\n",
      outputTruncated: false,
      error: null,
      createdAt: at("2025-03-02T00:00:00.000Z"),
      startedAt: at("2025-03-02T00:00:01.000Z"),
      finishedAt: at("2025-03-02T00:00:03.000Z"),
      durationMs: 2000,
      usage: {
        peakMemoryBytes: 10_485_760,
        cpuTimeMs: 21,
        wallTimeMs: 25,
        maxPids: 2,
        blockReadBytes: null,
        blockWriteBytes: 4096,
      },
    });
    const event = (seq: number, second: number) => ({
      executionId: "e-ok",
      seq,
      at: at(`2025-03-02T00:00:0${second}.000Z`),
    });
    expect(await executions.eventsAfter("e-ok", 0)).toEqual([
      { ...event(1, 0), kind: "STATUS", status: "QUEUED" },
      { ...event(2, 1), kind: "STATUS", status: "RUNNING" },
      { ...event(3, 2), kind: "LOG", stream: "STDOUT", data: DATA },
      { ...event(4, 2), kind: "LOG", stream: "STDERR", data: "héllo ✓\n" },
      { ...event(5, 3), kind: "STATUS", status: "SUCCEEDED" },
    ]);
    expect(await executions.lastEventSeq("e-ok")).toBe(5);
    expect(await executions.get("e-failed")).toEqual({
      id: "e-failed",
      ownerId: "p-admin",
      language: "NODE",
      runtimeVersion: null,
      isolation: "STANDARD",
      status: "FAILED",
      imageId: "default",
      dockerImage: "sha256:default1",
      fileId: null,
      code: "throw new Error('boom')",
      stdin: null,
      args: [],
      fileIds: [],
      limits: { ...LIMITS, network: true },
      warnings: [],
      exitCode: 1,
      stdout: "",
      stderr: "Error: boom",
      outputTruncated: true,
      error: null,
      createdAt: at("2025-03-03T00:00:00.000Z"),
      startedAt: at("2025-03-03T00:00:01.000Z"),
      finishedAt: at("2025-03-03T00:00:02.000Z"),
      durationMs: 1000,
      usage: null,
    });
    expect((await executions.eventsAfter("e-failed", 0)).map((e) => e.kind === "STATUS" && e.status)).toEqual([
      "QUEUED",
      "FAILED",
    ]);
    // Left running by a stopped process: recovery finds it.
    expect((await executions.unfinished()).map((execution) => [execution.id, execution.status])).toEqual([
      ["e-running", "RUNNING"],
    ]);
    expect((await executions.get("e-running"))?.fileIds).toEqual(["f-main", "f-data"]);
    const page = await executions.page({ first: 10, afterPosition: null, status: null, language: null, ownerId: null });
    expect(page.totalCount).toBe(3);
    expect(page.items.map((item) => item.execution.id)).toEqual(["e-running", "e-failed", "e-ok"]);
    const ada = await executions.page({
      first: 10,
      afterPosition: null,
      status: null,
      language: null,
      ownerId: "p-ada",
    });
    expect(ada.items.map((item) => item.execution.id)).toEqual(["e-running", "e-ok"]);
    // Which files the executions name came over from their JSON: only f-copy is named by none.
    const files = createFileStore(temp.database.db);
    const later = at("2100-01-01T00:00:00.000Z");
    expect((await files.unreferencedBefore(later)).map((file) => file.id)).toEqual(["f-copy"]);
    await executions.deleteFinished(["e-ok"]);
    expect((await files.unreferencedBefore(later)).map((file) => file.id)).toEqual(["f-copy"]);
    await executions.deleteFinished(["e-running"]);
    expect(await executions.get("e-running")).not.toBeNull();
  });

  it("keeps its images, installed packages, installations and job logs, and counts custom images to their owners", async () => {
    const images = createImageStore(temp.database.db);
    const image = (id: string, fields: object) => ({ id, error: null, ...fields });
    expect(await images.listImages()).toEqual([
      image("default", {
        ownerId: null,
        name: "mcp-executor-sandbox",
        languages: ["PYTHON", "NODE", "CSHARP", "BASH"],
        versions: null,
        status: "READY",
        dockerTag: "mcp-executor-sandbox:latest",
        dockerImageId: "sha256:default1",
        sizeBytes: 1_234_567_890,
        createdAt: at("2025-01-02T03:04:05.000Z"),
        updatedAt: at("2025-01-02T03:04:06.000Z"),
      }),
      image("i-tools", {
        ownerId: "p-ada",
        name: "ada/tools",
        languages: ["PYTHON", "NODE"],
        versions: [
          { language: "PYTHON", line: "3.12" },
          { language: "NODE", line: "22" },
        ],
        status: "READY",
        dockerTag: "mcp-executor-custom/ada/tools:latest",
        dockerImageId: "sha256:tools1",
        sizeBytes: 3_456_789_012,
        createdAt: at("2025-02-01T00:00:00.000Z"),
        updatedAt: at("2025-02-01T00:05:00.000Z"),
      }),
      image("i-broken", {
        ownerId: "p-admin",
        name: "broken",
        languages: ["CSHARP"],
        versions: [{ language: "CSHARP", line: "8" }],
        status: "FAILED",
        dockerTag: "mcp-executor-custom/broken:latest",
        dockerImageId: null,
        sizeBytes: null,
        error: "server restarted",
        createdAt: at("2025-02-02T00:00:00.000Z"),
        updatedAt: at("2025-02-02T00:01:00.000Z"),
      }),
    ]);
    expect((await images.imageByName("ada/tools"))?.id).toBe("i-tools");
    expect(await images.imagesBuilding()).toEqual([]);
    expect(await images.packagesOf("i-tools")).toEqual([
      { manager: "PIP", name: "numpy", version: "2.1.0", installedAt: at("2025-02-03T00:01:00.000Z") },
      { manager: "PIP", name: "requests", version: "2.32.3", installedAt: at("2025-02-03T00:01:00.000Z") },
    ]);
    expect(await images.getInstallation("inst-1")).toEqual({
      id: "inst-1",
      ownerId: "p-ada",
      imageId: "i-tools",
      manager: "PIP",
      packages: ["requests==2.32.3", "numpy"],
      status: "SUCCEEDED",
      error: null,
      startedAt: at("2025-02-03T00:00:00.000Z"),
      finishedAt: expect.any(Date),
    });
    expect(await images.getInstallation("inst-2")).toMatchObject({
      manager: "NPM",
      packages: ["left-pad@9.9.9"],
      status: "FAILED",
      error: "the manager failed: npm error 404",
    });
    expect(await images.installationsUnfinished()).toEqual([]);
    expect(await images.fullLog("inst-1")).toBe(
      "Collecting requests==2.32.3\nSuccessfully installed numpy-2.1.0 requests-2.32.3\n",
    );
    expect((await images.linesAfter("i-tools", 0)).map((line) => [line.seq, line.line])).toEqual([
      [1, "building ada/tools with PYTHON 3.12, NODE 22"],
      [2, "Step 1/9 : FROM debian:bookworm-slim"],
    ]);
    expect(await images.lastLineSeq("inst-2")).toBe(1);
    expect(await images.imagesHeldBy("p-ada")).toBe(1);
    expect(await images.imagesHeldBy("p-admin")).toBe(1);
    // Removing an image takes its packages, installations and logs with it, and gives back its count.
    await images.deleteImage("i-tools");
    expect(await images.getInstallation("inst-1")).toBeNull();
    expect(await images.packagesOf("i-tools")).toEqual([]);
    expect(await images.fullLog("inst-1")).toBe("");
    expect(await images.fullLog("i-tools")).toBe("");
    expect(await images.imagesHeldBy("p-ada")).toBe(0);
  });

  it("has, once migrated, the tables and columns a new data folder has", async () => {
    const fresh = await mkdtemp(join(tmpdir(), "data-dir-new-"));
    const made = await openDatabase(fresh);
    try {
      const shape = async (open: Database) =>
        (await open.db.introspection.getTables({ withInternalKyselyTables: true })).map((table) => ({
          table: table.name,
          columns: table.columns.map((column) => [column.name, column.isNullable, column.hasDefaultValue]),
        }));
      expect(await shape(temp.database)).toEqual(await shape(made));
    } finally {
      await made.close();
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
