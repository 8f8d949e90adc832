/** Stored files' metadata in SQLite (their contents are blobs, see blob-store.ts). */
import type { LanguageId } from "../domain/languages.js";
import type { FileStats, StoredFile } from "../domain/stored-file.js";
import type { Db } from "./database.js";
import { newestFirstPage } from "./newest-first-page.js";

interface FileRow {
  seq: number;
  id: string;
  owner_id: string | null;
  name: string;
  language: string | null;
  size_bytes: number;
  sha256: string;
  created_at: string;
}

const toFile = (row: FileRow): StoredFile => ({
  id: row.id,
  ownerId: row.owner_id,
  name: row.name,
  language: row.language as LanguageId | null,
  sizeBytes: row.size_bytes,
  sha256: row.sha256,
  createdAt: new Date(row.created_at),
});

export interface FilePage {
  items: { file: StoredFile; position: number }[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Ids of the files some stored execution names, as its fileId or in its fileIds. */
const REFERENCED = `SELECT file_id FROM executions WHERE file_id IS NOT NULL
  UNION SELECT j.value FROM executions, json_each(executions.file_ids) j`;

export function createFileStore(db: Db) {
  const selectById = db.prepare("SELECT * FROM stored_files WHERE id = ?");
  const countBySha = db.prepare("SELECT COUNT(*) AS n FROM stored_files WHERE sha256 = ?");

  return {
    insert(file: StoredFile): void {
      db.prepare(
        "INSERT INTO stored_files (id, owner_id, name, language, size_bytes, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ).run(file.id, file.ownerId, file.name, file.language, file.sizeBytes, file.sha256, file.createdAt.toISOString());
    },

    get(id: string): StoredFile | null {
      const row = selectById.get(id) as FileRow | undefined;
      return row ? toFile(row) : null;
    },

    /** Deletes the row; says whether its blob is now unreferenced. */
    delete(id: string): { deleted: StoredFile | null; blobOrphaned: boolean } {
      return db.transaction(() => {
        const row = selectById.get(id) as FileRow | undefined;
        if (!row) return { deleted: null, blobOrphaned: false };
        db.prepare("DELETE FROM stored_files WHERE id = ?").run(id);
        const { n } = countBySha.get(row.sha256) as { n: number };
        return { deleted: toFile(row), blobOrphaned: n === 0 };
      })();
    },

    /**
     * Files uploaded before `cutoff` that no stored execution names (as its fileId or in its
     * fileIds): what retention may delete.
     */
    unreferencedBefore(cutoff: Date): StoredFile[] {
      const rows = db
        .prepare(`SELECT * FROM stored_files WHERE created_at < ? AND id NOT IN (${REFERENCED}) ORDER BY seq`)
        .all(cutoff.toISOString()) as FileRow[];
      return rows.map(toFile);
    },

    /** Deletes those of `ids` that no stored execution names now, in one transaction; returns how many. */
    deleteUnreferenced(ids: readonly string[]): number {
      const statement = db.prepare(`DELETE FROM stored_files WHERE id = ? AND id NOT IN (${REFERENCED})`);
      return db.transaction(() => ids.reduce((deleted, id) => deleted + statement.run(id).changes, 0))();
    },

    /** How many files name the blob. */
    namingCount: (sha256: string): number => (countBySha.get(sha256) as { n: number }).n,

    isReferenced: (sha256: string): boolean => (countBySha.get(sha256) as { n: number }).n > 0,

    /** Newest first; only `ownerId`'s files when it is given. */
    page(query: {
      first: number;
      afterPosition: number | null;
      language: LanguageId | null;
      ownerId: string | null;
    }): FilePage {
      const page = newestFirstPage<FileRow>(db, "stored_files", {
        ...query,
        equals: { language: query.language, owner_id: query.ownerId },
      });
      const { rows, ...counts } = page;
      return { ...counts, items: rows.map((row) => ({ file: toFile(row), position: row.seq })) };
    },

    /** Counts of everyone's files, or only `ownerId`'s. */
    stats(ownerId: string | null): FileStats {
      // "? IS NULL OR owner_id = ?": one statement for both, with the owner bound twice.
      const owned = "(? IS NULL OR owner_id = ?)";
      const totals = db
        .prepare(`SELECT COUNT(*) AS count, COALESCE(SUM(size_bytes), 0) AS total FROM stored_files WHERE ${owned}`)
        .get(ownerId, ownerId) as { count: number; total: number };
      const byLanguage = db
        .prepare(
          `SELECT language, COUNT(*) AS count FROM stored_files WHERE language IS NOT NULL AND ${owned} GROUP BY language ORDER BY language`,
        )
        .all(ownerId, ownerId) as { language: LanguageId; count: number }[];
      return { count: totals.count, totalBytes: totals.total, byLanguage };
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
