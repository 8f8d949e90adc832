/**
 * File contents, stored by sha256 under the data folder: equal contents share one blob. A blob is
 * written to a temporary file and renamed into place, so a crash never leaves a half blob under
 * its name; what a crash leaves (temporary files, blobs no row names) goes at the next start.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export function sha256Hex(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

export function createBlobStore(dataDir: string) {
  const root = join(dataDir, "blobs");
  const incoming = join(root, "incoming");
  mkdirSync(incoming, { recursive: true });
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256);

  return {
    /** Stores the content (if no equal blob is there yet) and returns its sha256. */
    async put(content: Buffer): Promise<string> {
      const sha256 = sha256Hex(content);
      const temporary = join(incoming, randomUUID());
      try {
        await writeFile(temporary, content, { flush: true });
        await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
        await rename(temporary, pathOf(sha256));
      } catch (error) {
        // A full disk leaves part of the file: give its space back now, not at the next start.
        await rm(temporary, { force: true });
        throw error;
      }
      return sha256;
    },

    read: (sha256: string): Promise<Buffer> => readFile(pathOf(sha256)),

    remove: (sha256: string): Promise<void> => rm(pathOf(sha256), { force: true }),

    /** Removes unfinished writes, and blobs that `isReferenced` says nothing names. */
    async sweep(isReferenced: (sha256: string) => Promise<boolean>): Promise<void> {
      await rm(incoming, { recursive: true, force: true });
      await mkdir(incoming, { recursive: true });
      for (const shard of await readdir(root)) {
        if (shard === "incoming") continue;
        for (const blob of await readdir(join(root, shard))) {
          if (!(await isReferenced(blob))) await rm(join(root, shard, blob), { force: true });
        }
      }
    },
  };
}

export type BlobStore = ReturnType<typeof createBlobStore>;
