/**
 * Images, their installed packages, package installations and job logs, and the custom images each
 * principal holds, which its quota counts (see quota-counter.ts).
 */
import type { Selectable } from "kysely";
import {
  type Image,
  type ImageStatus,
  type InstalledPackage,
  isFinalJobStatus,
  type JobStatus,
  type LogLine,
  type PackageInstallation,
} from "../domain/image.js";
import type { LanguageId, PackageManagerId } from "../domain/languages.js";
import type { RuntimeLine } from "../domain/runtime.js";
import { give, take, used } from "./quota-counter.js";
import type { Db, ImagesTable, PackageInstallationsTable } from "./tables.js";

type ImageRow = Selectable<ImagesTable>;
type InstallationRow = Selectable<PackageInstallationsTable>;

const toImage = (row: ImageRow): Image => ({
  id: row.id,
  ownerId: row.owner_id,
  name: row.name,
  languages: JSON.parse(row.languages) as LanguageId[],
  versions: row.versions === null ? null : (JSON.parse(row.versions) as RuntimeLine[]),
  status: row.status as ImageStatus,
  dockerTag: row.docker_tag,
  dockerImageId: row.docker_image_id,
  sizeBytes: row.size_bytes,
  error: row.error,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

const toInstallation = (row: InstallationRow): PackageInstallation => ({
  id: row.id,
  ownerId: row.owner_id,
  imageId: row.image_id,
  manager: row.manager as PackageManagerId,
  packages: JSON.parse(row.packages),
  status: row.status as JobStatus,
  error: row.error,
  startedAt: new Date(row.started_at),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
});

export type ImagePatch = Partial<Pick<Image, "status" | "dockerImageId" | "sizeBytes" | "error" | "languages">>;

/** How recording an image went: done, refused by its owner's quota (which it holds `used` of), or its name taken. */
export type ImageInsert =
  | { outcome: "inserted" }
  | { outcome: "quota-refused"; used: number }
  | { outcome: "name-taken" };

/** Statuses of installations that may still change. */
const UNFINISHED: JobStatus[] = ["QUEUED", "RUNNING"];

export function createImageStore(db: Db) {
  const getImage = async (trx: Db, id: string): Promise<Image | null> => {
    const row = await trx.selectFrom("images").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toImage(row) : null;
  };

  /** The seq of a log's last stored line; 0 before the first. */
  const lastLineSeq = async (trx: Db, jobId: string): Promise<number> => {
    const row = await trx
      .selectFrom("job_log_lines")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .where("job_id", "=", jobId)
      .executeTakeFirst();
    return row?.seq ?? 0;
  };

  return {
    /**
     * Records the image, unless its name is another image's; a custom one counts to its owner, and
     * is refused, with nothing recorded, when that would pass `quota` images (null: no limit).
     */
    insertImage(image: Image, quota: number | null): Promise<ImageInsert> {
      return db.transaction().execute(async (trx): Promise<ImageInsert> => {
        const counted =
          image.ownerId === null ? ({ refused: false } as const) : await take(trx, image.ownerId, "images", 1, quota);
        if (counted.refused) return { outcome: "quota-refused", used: counted.used };
        const { numInsertedOrUpdatedRows } = await trx
          .insertInto("images")
          .values({
            id: image.id,
            owner_id: image.ownerId,
            name: image.name,
            languages: JSON.stringify(image.languages),
            versions: image.versions === null ? null : JSON.stringify(image.versions),
            status: image.status,
            docker_tag: image.dockerTag,
            docker_image_id: image.dockerImageId,
            size_bytes: image.sizeBytes,
            error: image.error,
            created_at: image.createdAt.toISOString(),
            updated_at: image.updatedAt.toISOString(),
          })
          .onConflict((conflict) => conflict.column("name").doNothing())
          .executeTakeFirst();
        if (numInsertedOrUpdatedRows !== 0n) return { outcome: "inserted" };
        if (image.ownerId !== null) await give(trx, image.ownerId, "images", 1);
        return { outcome: "name-taken" };
      });
    },

    async updateImage(id: string, patch: ImagePatch): Promise<void> {
      await db
        .updateTable("images")
        .set({
          status: patch.status,
          docker_image_id: patch.dockerImageId,
          size_bytes: patch.sizeBytes,
          error: patch.error,
          languages: patch.languages === undefined ? undefined : JSON.stringify(patch.languages),
          updated_at: new Date().toISOString(),
        })
        .where("id", "=", id)
        .execute();
    },

    getImage: (id: string): Promise<Image | null> => getImage(db, id),

    async imageByName(name: string): Promise<Image | null> {
      const row = await db.selectFrom("images").selectAll().where("name", "=", name).executeTakeFirst();
      return row ? toImage(row) : null;
    },

    /** Oldest first, so the default image leads. */
    async listImages(): Promise<Image[]> {
      return (await db.selectFrom("images").selectAll().orderBy("seq").execute()).map(toImage);
    },

    /** Custom images the principal holds, as its quota counts them. */
    imagesHeldBy: (principalId: string): Promise<number> => used(db, principalId, "images"),

    /** Deletes the image with its logs; its installed packages and installations go with it (ON DELETE CASCADE). */
    async deleteImage(id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const image = await getImage(trx, id);
        if (!image) return;
        const jobs = trx.selectFrom("package_installations").select("id").where("image_id", "=", id);
        await trx
          .deleteFrom("job_log_lines")
          .where((eb) => eb.or([eb("job_id", "=", id), eb("job_id", "in", jobs)]))
          .execute();
        await trx.deleteFrom("images").where("id", "=", id).execute();
        if (image.ownerId !== null) await give(trx, image.ownerId, "images", 1);
      });
    },

    /** Images whose build never ended (the server stopped while it ran). */
    async imagesBuilding(): Promise<Image[]> {
      return (await db.selectFrom("images").selectAll().where("status", "=", "BUILDING").execute()).map(toImage);
    },

    async packagesOf(imageId: string): Promise<InstalledPackage[]> {
      const rows = await db
        .selectFrom("installed_packages")
        .select(["manager", "name", "version", "installed_at"])
        .where("image_id", "=", imageId)
        .orderBy("installed_at")
        .orderBy("name")
        .execute();
      return rows.map((row) => ({
        manager: row.manager as PackageManagerId,
        name: row.name,
        version: row.version,
        installedAt: new Date(row.installed_at),
      }));
    },

    async forgetPackages(imageId: string): Promise<void> {
      await db.deleteFrom("installed_packages").where("image_id", "=", imageId).execute();
    },

    /** Records what an install put in the image, over what an earlier one recorded of the same packages. */
    async recordPackages(imageId: string, packages: InstalledPackage[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (const item of packages) {
          const installedAt = item.installedAt.toISOString();
          await trx
            .insertInto("installed_packages")
            .values({
              image_id: imageId,
              manager: item.manager,
              name: item.name,
              version: item.version,
              installed_at: installedAt,
            })
            .onConflict((conflict) =>
              conflict
                .columns(["image_id", "manager", "name"])
                .doUpdateSet({ version: item.version, installed_at: installedAt }),
            )
            .execute();
        }
      });
    },

    async insertInstallation(installation: PackageInstallation): Promise<void> {
      await db
        .insertInto("package_installations")
        .values({
          id: installation.id,
          owner_id: installation.ownerId,
          image_id: installation.imageId,
          manager: installation.manager,
          packages: JSON.stringify(installation.packages),
          status: installation.status,
          error: installation.error,
          started_at: installation.startedAt.toISOString(),
          finished_at: null,
        })
        .execute();
    },

    async finishInstallation(id: string, status: JobStatus, error: string | null): Promise<void> {
      await db
        .updateTable("package_installations")
        .set({ status, error, finished_at: isFinalJobStatus(status) ? new Date().toISOString() : null })
        .where("id", "=", id)
        .execute();
    },

    async getInstallation(id: string): Promise<PackageInstallation | null> {
      const row = await db.selectFrom("package_installations").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toInstallation(row) : null;
    },

    /** Installations that never ended (the server stopped while they ran). */
    async installationsUnfinished(): Promise<PackageInstallation[]> {
      const rows = await db.selectFrom("package_installations").selectAll().where("status", "in", UNFINISHED).execute();
      return rows.map(toInstallation);
    },

    /** Appends a line with the next seq; a job's lines are appended one at a time (see job-log.ts). */
    async appendLine(jobId: string, line: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const seq = (await lastLineSeq(trx, jobId)) + 1;
        await trx
          .insertInto("job_log_lines")
          .values({ job_id: jobId, seq, at: new Date().toISOString(), line })
          .execute();
      });
    },

    lastLineSeq: (jobId: string): Promise<number> => lastLineSeq(db, jobId),

    async linesAfter(jobId: string, afterSeq: number, limit = 1000): Promise<LogLine[]> {
      const rows = await db
        .selectFrom("job_log_lines")
        .select(["seq", "at", "line"])
        .where("job_id", "=", jobId)
        .where("seq", ">", afterSeq)
        .orderBy("seq")
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        seq: row.seq,
        at: new Date(row.at),
        line: row.line,
        final: false,
        status: null,
        error: null,
      }));
    },

    async fullLog(jobId: string): Promise<string> {
      const rows = await db
        .selectFrom("job_log_lines")
        .select("line")
        .where("job_id", "=", jobId)
        .orderBy("seq")
        .execute();
      return rows.map((row) => `${row.line}\n`).join("");
    },
  };
}

export type ImageStore = ReturnType<typeof createImageStore>;
