/**
 * A full data folder, and the server coming back after a prune: DATA_DIR is a 2 MiB tmpfs, filled
 * with uploads until one fails; the pruner (RETAIN_FILES_DAYS, run as if days had passed) removes
 * the files no execution names, and uploads and every other write work again. On a disk this full
 * SQLite cannot even delete a row (SQLITE_FULL): the prune must make room with the blobs first.
 * Then the same with deleteFile. Needs root (to mount), not Docker.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { statfsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseIntegrity } from "./support/data-integrity.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const UPLOAD = "mutation ($input: UploadFileInput!) { uploadFile(input: $input) { id sizeBytes } }";
const FILE_BYTES = 64 * 1024;
const DAY_MS = 86_400_000;

describe("a full data folder", () => {
  let dataDir: string;
  let mounted = false;
  let server: TestServer;
  let serial = 0;

  /** A file of FILE_BYTES whose content no other upload has (blobs are shared by content). */
  const upload = () => {
    serial++;
    const content = `# ${serial}\n`.padEnd(FILE_BYTES, String.fromCharCode(97 + (serial % 26)));
    return server.request<{ uploadFile: { id: string } }>(UPLOAD, { input: { name: `f${serial}.py`, content } });
  };
  /** Uploads until one fails; returns the ids stored and the failure. */
  const fill = async () => {
    let failure: { message: string } | undefined;
    const stored: string[] = [];
    for (let attempt = 0; attempt < 100 && !failure; attempt++) {
      const { data, errors } = await upload();
      if (data?.uploadFile) stored.push(data.uploadFile.id);
      failure = errors?.[0];
    }
    expect(failure, "the 2 MiB folder never filled").toBeDefined();
    expect(freeBytes()).toBeLessThan(FILE_BYTES);
    return stored;
  };
  const freeBytes = () => {
    const stats = statfsSync(dataDir);
    return stats.bavail * stats.bsize;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "mcp-executor-full-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", dataDir]);
    mounted = true;
    server = await startTestServer(
      { FILES_MAX_BYTES: String(FILE_BYTES), RETAIN_FILES_DAYS: "1", QUOTA_ADMIN_FILE_BYTES: "" },
      { dataDir },
    );
  });
  afterAll(async () => {
    await server?.stop();
    if (mounted) execFileSync("umount", [dataDir]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses uploads and runs when the disk is full, keeps what is stored, and takes them again after a prune", async () => {
    const stored = await fill();
    expect(stored.length).toBeGreaterThan(5);
    const refused = await upload();
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/data folder \(DATA_DIR\) is full/),
      extensions: { code: "LIMIT_EXCEEDED" },
    });
    const run = await server.request("mutation ($input: ExecuteInput!) { execute(input: $input) { id } }", {
      input: { language: "BASH", code: "echo hi" },
    });
    expect(run.errors?.[0]).toMatchObject({ extensions: { code: "LIMIT_EXCEEDED" } });
    // What was stored before is intact: the database checks out, and every blob has its hash.
    expect(databaseIntegrity(dataDir)).toBe("ok");
    for (const id of stored.slice(0, 3)) {
      const { data } = await server.request<{ file: { sha256: string; content: string } }>(
        "query ($id: ID!) { file(id: $id) { sha256 content } }",
        { id },
      );
      const content = data?.file.content as string;
      expect(createHash("sha256").update(content).digest("hex")).toBe(data?.file.sha256);
    }

    const report = await server.services.retention.prune(new Date(Date.now() + 2 * DAY_MS));
    expect(report).toMatchObject({ files: stored.length, blobBytes: stored.length * FILE_BYTES });
    expect(freeBytes()).toBeGreaterThan(stored.length * FILE_BYTES * 0.8);

    const again = await upload();
    expect(again.errors).toBeUndefined();
    expect(again.data?.uploadFile.id).toBeTruthy();
    const { data } = await server.request<{ fileStats: { count: number } }>("{ fileStats { count } }");
    expect(data?.fileStats.count).toBe(1);
    // The server answers and writes as before: a key can still be made (a row in SQLite).
    await expect(server.createKey({ name: "after-the-prune" })).resolves.toMatchObject({ key: expect.any(String) });
  });

  it("deletes files on a full disk, and takes uploads again", async () => {
    const stored = await fill();
    for (const id of stored.slice(0, 2)) {
      const { data, errors } = await server.request("mutation ($id: ID!) { deleteFile(id: $id) }", { id });
      expect(errors).toBeUndefined();
      expect(data).toEqual({ deleteFile: true });
    }
    const again = await upload();
    expect(again.errors).toBeUndefined();
  });
});
