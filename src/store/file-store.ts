/**
 * Stored files' metadata (their contents are blobs, see blob-store.ts), and the bytes each
 * principal holds, which its quota counts (see quota-counter.ts).
 */
import type { Selectable } from "kysely";
import type { LanguageId } from "../domain/languages.js";
import type { FileStats, StoredFile } from "../domain/stored-file.js";
import { newestFirstPage } from "./newest-first-page.js";
import { type Counted, give, take, used } from "./quota-counter.js";
import type { Db, StoredFilesTable } from "./tables.js";

type FileRow = Selectable<StoredFilesTable>;

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

export function createFileStore(db: Db) {
  const byId = (trx: Db, id: string) =>
    trx.selectFrom("stored_files").selectAll().where("id", "=", id).executeTakeFirst();

  const namingCount = async (trx: Db, sha256: string): Promise<number> => {
    const row = await trx
      .selectFrom("stored_files")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("sha256", "=", sha256)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  /** Deletes the row when `unreferenced` says so, giving its bytes back to its owner; says whether it went. */
  async function deleteRow(trx: Db, row: FileRow, unreferenced: boolean): Promise<boolean> {
    const deleted = await trx
      .deleteFrom("stored_files")
      .where("id", "=", row.id)
      .$if(unreferenced, (query) =>
        query.where("id", "not in", trx.selectFrom("execution_files").select("file_id").distinct()),
      )
      .executeTakeFirst();
    if (deleted.numDeletedRows === 0n) return false;
    if (row.owner_id !== null) await give(trx, row.owner_id, "file_bytes", row.size_bytes);
    return true;
  }

  return {
    /**
     * Records the file, counting its bytes to its owner: refused, with nothing recorded, when that
     * would pass `quotaBytes` (null: no limit).
     */
    insert(file: StoredFile, quotaBytes: number | null): Promise<Counted> {
      return db.transaction().execute(async (trx) => {
        const counted =
          file.ownerId === null
            ? ({ refused: false } as const)
            : await take(trx, file.ownerId, "file_bytes", file.sizeBytes, quotaBytes);
        if (counted.refused) return counted;
        await trx
          .insertInto("stored_files")
          .values({
            id: file.id,
            owner_id: file.ownerId,
            name: file.name,
            language: file.language,
            size_bytes: file.sizeBytes,
            sha256: file.sha256,
            created_at: file.createdAt.toISOString(),
          })
          .execute();
        return counted;
      });
    },

    async get(id: string): Promise<StoredFile | null> {
      const row = await byId(db, id);
      return row ? toFile(row) : null;
    },

    /** Bytes of stored files the principal holds, as its quota counts them. */
    bytesHeldBy: (principalId: string): Promise<number> => used(db, principalId, "file_bytes"),

    /** Deletes the row; says whether its blob is now unreferenced. */
    delete(id: string): Promise<{ deleted: StoredFile | null; blobOrphaned: boolean }> {
      return db.transaction().execute(async (trx) => {
        const row = await byId(trx, id);
        if (!row) return { deleted: null, blobOrphaned: false };
        await deleteRow(trx, row, false);
        return { deleted: toFile(row), blobOrphaned: (await namingCount(trx, row.sha256)) === 0 };
      });
    },

    /**
     * Files uploaded before `cutoff` that no stored execution names (as its fileId or in its
     * fileIds): what retention may delete.
     */
    async unreferencedBefore(cutoff: Date): Promise<StoredFile[]> {
      const rows = await db
        .selectFrom("stored_files")
        .selectAll()
        .where("created_at", "<", cutoff.toISOString())
        .where("id", "not in", db.selectFrom("execution_files").select("file_id").distinct())
        .orderBy("seq")
        .execute();
      return rows.map(toFile);
    },

    /** Deletes those of `ids` that no stored execution names now, in one transaction; returns how many. */
    deleteUnreferenced(ids: readonly string[]): Promise<number> {
      return db.transaction().execute(async (trx) => {
        let deleted = 0;
        for (const id of ids) {
          const row = await byId(trx, id);
          if (row && (await deleteRow(trx, row, true))) deleted++;
        }
        return deleted;
      });
    },

    /** How many files name the blob. */
    namingCount: (sha256: string): Promise<number> => namingCount(db, sha256),

    isReferenced: async (sha256: string): Promise<boolean> => (await namingCount(db, sha256)) > 0,

    /** Newest first; only `ownerId`'s files when it is given. */
    async page(query: {
      first: number;
      afterPosition: number | null;
      language: LanguageId | null;
      ownerId: string | null;
    }): Promise<FilePage> {
      const { rows, ...counts } = await newestFirstPage(db, "stored_files", {
        ...query,
        equals: { language: query.language, owner_id: query.ownerId },
      });
      return { ...counts, items: rows.map((row) => ({ file: toFile(row), position: row.seq })) };
    },

    /** Counts of everyone's files, or only `ownerId`'s. */
    async stats(ownerId: string | null): Promise<FileStats> {
      const owned = db
        .selectFrom("stored_files")
        .$if(ownerId !== null, (query) => query.where("owner_id", "=", ownerId));
      const totals = await owned
        .select((eb) => [
          eb.fn.countAll<number>().as("count"),
          eb.fn.coalesce(eb.fn.sum<number>("size_bytes"), eb.lit(0)).as("total"),
        ])
        .executeTakeFirstOrThrow();
      const byLanguage = await owned
        .select((eb) => ["language", eb.fn.countAll<number>().as("count")])
        .where("language", "is not", null)
        .groupBy("language")
        .orderBy("language")
        .execute();
      return {
        count: Number(totals.count),
        totalBytes: Number(totals.total),
        byLanguage: byLanguage.map((row) => ({ language: row.language as LanguageId, count: Number(row.count) })),
      };
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
