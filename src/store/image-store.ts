/** Images, their installed packages, package installations and job logs in SQLite. */

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
import type { Db } from "./database.js";

interface ImageRow {
  id: string;
  owner_id: string | null;
  name: string;
  languages: string;
  versions: string | null;
  status: string;
  docker_tag: string;
  docker_image_id: string | null;
  size_bytes: number | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

interface InstallationRow {
  id: string;
  owner_id: string | null;
  image_id: string;
  manager: string;
  packages: string;
  status: string;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

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

export function createImageStore(db: Db) {
  const selectImage = db.prepare("SELECT * FROM images WHERE id = ?");
  const selectInstallation = db.prepare("SELECT * FROM package_installations WHERE id = ?");
  const insertLine = db.prepare("INSERT INTO job_log_lines (job_id, seq, at, line) VALUES (?, ?, ?, ?)");
  const selectLines = db.prepare(
    "SELECT seq, at, line FROM job_log_lines WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?",
  );
  const selectLastSeq = db.prepare("SELECT MAX(seq) AS seq FROM job_log_lines WHERE job_id = ?");
  /** The seq of a log's last stored line; 0 before the first. */
  const lastLineSeq = (jobId: string): number => (selectLastSeq.get(jobId) as { seq: number | null }).seq ?? 0;

  return {
    insertImage(image: Image): void {
      db.prepare(
        `INSERT INTO images (id, owner_id, name, languages, versions, status, docker_tag, docker_image_id, size_bytes, error, created_at, updated_at)
         VALUES (@id, @ownerId, @name, @languages, @versions, @status, @dockerTag, @dockerImageId, @sizeBytes, @error, @createdAt, @updatedAt)`,
      ).run({
        ...image,
        languages: JSON.stringify(image.languages),
        versions: image.versions === null ? null : JSON.stringify(image.versions),
        createdAt: image.createdAt.toISOString(),
        updatedAt: image.updatedAt.toISOString(),
      });
    },

    updateImage(id: string, patch: ImagePatch): void {
      const current = selectImage.get(id) as ImageRow | undefined;
      if (!current) return;
      const next = { ...toImage(current), ...patch };
      db.prepare(
        `UPDATE images SET status = ?, docker_image_id = ?, size_bytes = ?, error = ?, languages = ?, updated_at = ? WHERE id = ?`,
      ).run(
        next.status,
        next.dockerImageId,
        next.sizeBytes,
        next.error,
        JSON.stringify(next.languages),
        new Date().toISOString(),
        id,
      );
    },

    getImage(id: string): Image | null {
      const row = selectImage.get(id) as ImageRow | undefined;
      return row ? toImage(row) : null;
    },

    imageByName(name: string): Image | null {
      const row = db.prepare("SELECT * FROM images WHERE name = ?").get(name) as ImageRow | undefined;
      return row ? toImage(row) : null;
    },

    /** Oldest first, so the default image leads. */
    listImages(): Image[] {
      return (db.prepare("SELECT * FROM images ORDER BY seq").all() as ImageRow[]).map(toImage);
    },

    deleteImage(id: string): void {
      db.transaction(() => {
        const jobs = db.prepare("SELECT id FROM package_installations WHERE image_id = ?").all(id) as { id: string }[];
        for (const job of [...jobs.map((row) => row.id), id])
          db.prepare("DELETE FROM job_log_lines WHERE job_id = ?").run(job);
        db.prepare("DELETE FROM images WHERE id = ?").run(id);
      })();
    },

    /** Images whose build never ended (the server stopped while it ran). */
    imagesBuilding(): Image[] {
      return (db.prepare("SELECT * FROM images WHERE status = 'BUILDING'").all() as ImageRow[]).map(toImage);
    },

    packagesOf(imageId: string): InstalledPackage[] {
      const rows = db
        .prepare(
          "SELECT manager, name, version, installed_at FROM installed_packages WHERE image_id = ? ORDER BY installed_at, name",
        )
        .all(imageId) as { manager: string; name: string; version: string | null; installed_at: string }[];
      return rows.map((row) => ({
        manager: row.manager as PackageManagerId,
        name: row.name,
        version: row.version,
        installedAt: new Date(row.installed_at),
      }));
    },

    forgetPackages(imageId: string): void {
      db.prepare("DELETE FROM installed_packages WHERE image_id = ?").run(imageId);
    },

    recordPackages(imageId: string, packages: InstalledPackage[]): void {
      const upsert = db.prepare(
        `INSERT INTO installed_packages (image_id, manager, name, version, installed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (image_id, manager, name) DO UPDATE SET version = excluded.version, installed_at = excluded.installed_at`,
      );
      db.transaction(() => {
        for (const item of packages) {
          upsert.run(imageId, item.manager, item.name, item.version, item.installedAt.toISOString());
        }
      })();
    },

    insertInstallation(installation: PackageInstallation): void {
      db.prepare(
        `INSERT INTO package_installations (id, owner_id, image_id, manager, packages, status, error, started_at, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      ).run(
        installation.id,
        installation.ownerId,
        installation.imageId,
        installation.manager,
        JSON.stringify(installation.packages),
        installation.status,
        installation.error,
        installation.startedAt.toISOString(),
      );
    },

    finishInstallation(id: string, status: JobStatus, error: string | null): void {
      db.prepare("UPDATE package_installations SET status = ?, error = ?, finished_at = ? WHERE id = ?").run(
        status,
        error,
        isFinalJobStatus(status) ? new Date().toISOString() : null,
        id,
      );
    },

    getInstallation(id: string): PackageInstallation | null {
      const row = selectInstallation.get(id) as InstallationRow | undefined;
      return row ? toInstallation(row) : null;
    },

    /** Installations that never ended (the server stopped while they ran). */
    installationsUnfinished(): PackageInstallation[] {
      return (
        db
          .prepare("SELECT * FROM package_installations WHERE status IN ('QUEUED', 'RUNNING')")
          .all() as InstallationRow[]
      ).map(toInstallation);
    },

    appendLine(jobId: string, line: string): void {
      insertLine.run(jobId, lastLineSeq(jobId) + 1, new Date().toISOString(), line);
    },

    lastLineSeq,

    linesAfter(jobId: string, afterSeq: number, limit = 1000): LogLine[] {
      const rows = selectLines.all(jobId, afterSeq, limit) as { seq: number; at: string; line: string }[];
      return rows.map((row) => ({
        seq: row.seq,
        at: new Date(row.at),
        line: row.line,
        final: false,
        status: null,
        error: null,
      }));
    },

    fullLog(jobId: string): string {
      const rows = db.prepare("SELECT line FROM job_log_lines WHERE job_id = ? ORDER BY seq").all(jobId) as {
        line: string;
      }[];
      return rows.map((row) => `${row.line}\n`).join("");
    },
  };
}

export type ImageStore = ReturnType<typeof createImageStore>;
