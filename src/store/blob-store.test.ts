import { existsSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBlobStore, sha256Hex } from "./blob-store.js";

describe("blob store", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "blob-store-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("stores by sha256, once for equal contents", async () => {
    const blobs = createBlobStore(dataDir);
    const content = Buffer.from("same");
    const sha = await blobs.put(content);
    expect(sha).toBe(sha256Hex(content));
    expect(await blobs.put(Buffer.from("same"))).toBe(sha);
    expect((await blobs.read(sha)).toString()).toBe("same");
  });

  it("sweeps what a crash left: unfinished writes and blobs that nothing names", async () => {
    const blobs = createBlobStore(dataDir);
    const kept = await blobs.put(Buffer.from("kept"));
    const orphan = await blobs.put(Buffer.from("orphan"));
    const halfWritten = join(dataDir, "blobs", "incoming", "half-written");
    writeFileSync(halfWritten, "hal");
    await blobs.sweep(async (sha) => sha === kept);
    expect(existsSync(halfWritten)).toBe(false);
    expect((await blobs.read(kept)).toString()).toBe("kept");
    await expect(blobs.read(orphan)).rejects.toThrow();
  });
});
