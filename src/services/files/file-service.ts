/**
 * Stored files: upload (text or a multipart upload), list, read, delete, statistics. Contents
 * are content-addressed blobs; a blob goes when the last file naming it does.
 */
import { randomUUID } from "node:crypto";
import { ServiceError } from "../../domain/errors.js";
import { type Actor, visibleTo } from "../../domain/principal.js";
import type { FileStats, StoredFile } from "../../domain/stored-file.js";
import { type LanguageId, languageById } from "../../languages/index.js";
import type { BlobStore } from "../../store/blob-store.js";
import { isDiskFull } from "../../store/database.js";
import type { FilePage, FileStore } from "../../store/file-store.js";
import { ownerFilter } from "../auth/owner-filter.js";
import { quotaExceeded, requireWithinQuota } from "../auth/quota-check.js";
import { languageFromName, validateFileName } from "./file-names.js";

export interface UploadRequest {
  name: string;
  content?: string | null;
  /** A multipart upload: a web File, as the GraphQL multipart request gives it. */
  file?: File | null;
  /** Default: guessed from the name's extension. */
  language?: LanguageId | null;
}

export interface FileServiceDeps {
  store: FileStore;
  blobs: BlobStore;
  maxFileBytes: number;
}

export function createFileService({ store, blobs, maxFileBytes }: FileServiceDeps) {
  // Blob writes and removals take turns: otherwise a delete could remove a blob that an upload of
  // equal content has just put in place but not yet named.
  let blobTurn: Promise<unknown> = Promise.resolve();
  const inBlobTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = blobTurn.then(work);
    // The caller gets this turn's failure through `turn`; the next turn must still come.
    blobTurn = turn.catch(() => undefined);
    return turn;
  };

  /** The file, when the actor may see it (its own, or any for an admin); otherwise NOT_FOUND. */
  async function requireFile(actor: Actor, id: string, field = "id"): Promise<StoredFile> {
    const file = visibleTo(actor, await store.get(id));
    if (!file) throw new ServiceError("NOT_FOUND", `${field} ${id} names no stored file.`);
    return file;
  }

  async function bytesOf(request: UploadRequest): Promise<Buffer> {
    const hasContent = request.content !== null && request.content !== undefined;
    const hasFile = request.file !== null && request.file !== undefined;
    if (hasContent === hasFile) {
      throw new ServiceError("BAD_USER_INPUT", "Give either content (text) or file (a multipart upload), not both.");
    }
    const size = hasFile ? (request.file as File).size : Buffer.byteLength(request.content as string);
    if (size > maxFileBytes) {
      throw new ServiceError(
        "LIMIT_EXCEEDED",
        `The file is ${size} bytes; this server stores at most ${maxFileBytes}.`,
      );
    }
    return hasFile ? Buffer.from(await (request.file as File).arrayBuffer()) : Buffer.from(request.content as string);
  }

  return {
    /** Startup: removes unfinished writes and blobs that no file names (a crash left them). */
    sweep: () => inBlobTurn(() => blobs.sweep(store.isReferenced)),

    async upload(actor: Actor, request: UploadRequest): Promise<StoredFile> {
      validateFileName(request.name);
      if (request.language) languageById(request.language);
      const content = await bytesOf(request);
      // Checked first, so that an upload past the quota does not wait for a turn; the insert below
      // takes the bytes for good (atomically: two uploads at once cannot both take the last ones).
      requireWithinQuota(actor, "fileBytes", await store.bytesHeldBy(actor.principalId), content.length);
      // The blob is in place before the row that names it: a crash in between leaves an
      // unnamed blob (swept at the next start), never a listed file without content.
      return inBlobTurn(async () => {
        const file: StoredFile = {
          id: randomUUID(),
          ownerId: actor.principalId,
          name: request.name,
          language: request.language ?? languageFromName(request.name),
          sizeBytes: content.length,
          sha256: await blobs.put(content),
          createdAt: new Date(),
        };
        const counted = await store.insert(file, actor.quotas.fileBytes);
        if (counted.refused) {
          // Another upload took the room since the check: the blob goes again, unless a file names it.
          if (!(await store.isReferenced(file.sha256))) await blobs.remove(file.sha256);
          throw quotaExceeded(actor, "fileBytes", counted.used, content.length);
        }
        return file;
      });
    },

    get: async (actor: Actor, id: string): Promise<StoredFile | null> => visibleTo(actor, await store.get(id)),
    require: requireFile,

    async content(file: StoredFile): Promise<Buffer> {
      return blobs.read(file.sha256);
    },

    /** A user's own files; an admin's view of everyone's, or of one principal's with `principalId`. */
    page: (
      actor: Actor,
      query: { first: number; afterPosition: number | null; language: LanguageId | null; principalId?: string | null },
    ): Promise<FilePage> => store.page({ ...query, ownerId: ownerFilter(actor, query.principalId) }),

    stats: (actor: Actor, principalId?: string | null): Promise<FileStats> =>
      store.stats(ownerFilter(actor, principalId)),

    /**
     * Retention: deletes the files uploaded before `cutoff` that no stored execution names, and
     * the blobs only they named. The rows go first, in one transaction that deletes a file only if
     * no execution names it then, so an execution recorded since the query keeps its files (and a
     * blob goes only when no row names it after). On a full disk SQLite cannot delete (it needs
     * room in its WAL): then those blobs go first, to make the room, and the rows after; a run that
     * named one of the files in between finds its content gone.
     */
    prune: (cutoff: Date): Promise<{ files: number; blobBytes: number }> =>
      inBlobTurn(async () => {
        const candidates = await store.unreferencedBefore(cutoff);
        const ids = candidates.map((file) => file.id);
        const naming = new Map<string, number>();
        for (const file of candidates) naming.set(file.sha256, (naming.get(file.sha256) ?? 0) + 1);
        const orphans = new Map<string, number>();
        for (const file of candidates) {
          if ((await store.namingCount(file.sha256)) === naming.get(file.sha256)) {
            orphans.set(file.sha256, file.sizeBytes);
          }
        }
        let files: number;
        try {
          files = await store.deleteUnreferenced(ids);
        } catch (error) {
          if (!isDiskFull(error)) throw error;
          for (const sha256 of orphans.keys()) await blobs.remove(sha256);
          files = await store.deleteUnreferenced(ids);
        }
        let blobBytes = 0;
        for (const [sha256, size] of orphans) {
          if (await store.isReferenced(sha256)) continue;
          await blobs.remove(sha256);
          blobBytes += size;
        }
        return { files, blobBytes };
      }),

    delete: (actor: Actor, id: string): Promise<boolean> =>
      inBlobTurn(async () => {
        const file = await requireFile(actor, id);
        let removal: Awaited<ReturnType<FileStore["delete"]>>;
        try {
          removal = await store.delete(id);
        } catch (error) {
          // A full disk: as in prune, the blob (when only this file names it) goes first to make room.
          if (!isDiskFull(error)) throw error;
          if ((await store.namingCount(file.sha256)) === 1) await blobs.remove(file.sha256);
          removal = await store.delete(id);
        }
        const { deleted, blobOrphaned } = removal;
        if (!deleted) throw new ServiceError("NOT_FOUND", `id ${id} names no stored file.`);
        if (blobOrphaned) await blobs.remove(deleted.sha256);
        return true;
      }),
  };
}

export type FileService = ReturnType<typeof createFileService>;
