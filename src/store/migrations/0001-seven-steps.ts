/**
 * The schema as the store's seven steps before Kysely made it (counted in SQLite's user_version),
 * written with Kysely's builder. A new database has all seven; one from before Kysely has had the
 * first `legacySteps` of them, and gets only the rest (none, from user_version 7). The steps are
 * as they were: the same tables, columns, defaults and indexes; a size is double precision, which
 * SQLite stores as the REAL it was, and which keeps byte counts exact on Postgres.
 */
import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../store-dialect.js";

type Step = (db: Kysely<unknown>, dialect: StoreDialect) => Promise<void>;

const STEPS: Step[] = [
  // 1: executions and their event logs.
  async (db, dialect) => {
    await db.schema
      .createTable("executions")
      .addColumn("seq", "integer", (column) => dialect.serialKey(column))
      .addColumn("id", "text", (column) => column.notNull().unique())
      .addColumn("language", "text", (column) => column.notNull())
      .addColumn("status", "text", (column) => column.notNull())
      .addColumn("image_id", "text", (column) => column.notNull())
      .addColumn("docker_image", "text", (column) => column.notNull())
      .addColumn("file_id", "text")
      .addColumn("code", "text", (column) => column.notNull())
      .addColumn("stdin", "text")
      .addColumn("args", "text", (column) => column.notNull())
      .addColumn("file_ids", "text", (column) => column.notNull())
      .addColumn("limits", "text", (column) => column.notNull())
      .addColumn("warnings", "text", (column) => column.notNull())
      .addColumn("exit_code", "integer")
      .addColumn("stdout", "text", (column) => column.notNull().defaultTo(""))
      .addColumn("stderr", "text", (column) => column.notNull().defaultTo(""))
      .addColumn("output_truncated", "integer", (column) => column.notNull().defaultTo(0))
      .addColumn("error", "text")
      .addColumn("container_id", "text")
      .addColumn("created_at", "text", (column) => column.notNull())
      .addColumn("started_at", "text")
      .addColumn("finished_at", "text")
      .addColumn("duration_ms", "integer")
      .execute();
    await db.schema.createIndex("executions_status").on("executions").columns(["status", "seq"]).execute();
    await db.schema.createIndex("executions_language").on("executions").columns(["language", "seq"]).execute();
    await dialect
      .keyOrdered(
        db.schema
          .createTable("execution_events")
          .addColumn("execution_id", "text", (column) => column.notNull())
          .addColumn("seq", "integer", (column) => column.notNull())
          .addColumn("at", "text", (column) => column.notNull())
          .addColumn("kind", "text", (column) => column.notNull())
          .addColumn("stream", "text")
          .addColumn("data", "text")
          .addColumn("status", "text")
          .addPrimaryKeyConstraint("execution_events_key", ["execution_id", "seq"]),
      )
      .execute();
  },
  // 2: images, their installed packages, package installations, and the job logs of both.
  async (db, dialect) => {
    await db.schema
      .createTable("images")
      .addColumn("seq", "integer", (column) => dialect.serialKey(column))
      .addColumn("id", "text", (column) => column.notNull().unique())
      .addColumn("name", "text", (column) => column.notNull().unique())
      .addColumn("languages", "text", (column) => column.notNull())
      .addColumn("status", "text", (column) => column.notNull())
      .addColumn("docker_tag", "text", (column) => column.notNull())
      .addColumn("docker_image_id", "text")
      .addColumn("size_bytes", "double precision")
      .addColumn("error", "text")
      .addColumn("created_at", "text", (column) => column.notNull())
      .addColumn("updated_at", "text", (column) => column.notNull())
      .execute();
    await dialect
      .keyOrdered(
        db.schema
          .createTable("installed_packages")
          .addColumn("image_id", "text", (column) => column.notNull().references("images.id").onDelete("cascade"))
          .addColumn("manager", "text", (column) => column.notNull())
          .addColumn("name", "text", (column) => column.notNull())
          .addColumn("version", "text")
          .addColumn("installed_at", "text", (column) => column.notNull())
          .addPrimaryKeyConstraint("installed_packages_key", ["image_id", "manager", "name"]),
      )
      .execute();
    await db.schema
      .createTable("package_installations")
      .addColumn("seq", "integer", (column) => dialect.serialKey(column))
      .addColumn("id", "text", (column) => column.notNull().unique())
      .addColumn("image_id", "text", (column) => column.notNull().references("images.id").onDelete("cascade"))
      .addColumn("manager", "text", (column) => column.notNull())
      .addColumn("packages", "text", (column) => column.notNull())
      .addColumn("status", "text", (column) => column.notNull())
      .addColumn("error", "text")
      .addColumn("started_at", "text", (column) => column.notNull())
      .addColumn("finished_at", "text")
      .execute();
    await dialect
      .keyOrdered(
        db.schema
          .createTable("job_log_lines")
          .addColumn("job_id", "text", (column) => column.notNull())
          .addColumn("seq", "integer", (column) => column.notNull())
          .addColumn("at", "text", (column) => column.notNull())
          .addColumn("line", "text", (column) => column.notNull())
          .addPrimaryKeyConstraint("job_log_lines_key", ["job_id", "seq"]),
      )
      .execute();
  },
  // 3: stored files' metadata (their contents are blobs).
  async (db, dialect) => {
    await db.schema
      .createTable("stored_files")
      .addColumn("seq", "integer", (column) => dialect.serialKey(column))
      .addColumn("id", "text", (column) => column.notNull().unique())
      .addColumn("name", "text", (column) => column.notNull())
      .addColumn("language", "text")
      .addColumn("size_bytes", "integer", (column) => column.notNull())
      .addColumn("sha256", "text", (column) => column.notNull())
      .addColumn("created_at", "text", (column) => column.notNull())
      .execute();
    await db.schema.createIndex("stored_files_language").on("stored_files").columns(["language", "seq"]).execute();
    await db.schema.createIndex("stored_files_sha256").on("stored_files").column("sha256").execute();
  },
  // 4: principals, their API keys (only a hash is kept) and browser sessions; every record gains its owner.
  async (db) => {
    await db.schema
      .createTable("principals")
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("name", "text", (column) => column.notNull().unique())
      .addColumn("role", "text", (column) => column.notNull())
      .addColumn("created_at", "text", (column) => column.notNull())
      .execute();
    await db.schema
      .createTable("api_keys")
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("principal_id", "text", (column) => column.notNull().references("principals.id"))
      .addColumn("key_hash", "text", (column) => column.notNull().unique())
      .addColumn("network", "integer")
      .addColumn("quotas", "text", (column) => column.notNull().defaultTo("{}"))
      .addColumn("created_at", "text", (column) => column.notNull())
      .addColumn("last_used_at", "text")
      .addColumn("revoked_at", "text")
      .execute();
    await db.schema
      .createTable("sessions")
      .addColumn("id_hash", "text", (column) => column.primaryKey())
      .addColumn("key_id", "text", (column) => column.notNull().references("api_keys.id"))
      .addColumn("created_at", "text", (column) => column.notNull())
      .addColumn("expires_at", "text", (column) => column.notNull())
      .execute();
    for (const table of ["executions", "stored_files", "images", "package_installations"]) {
      await db.schema.alterTable(table).addColumn("owner_id", "text").execute();
    }
    await db.schema.createIndex("executions_owner").on("executions").columns(["owner_id", "seq"]).execute();
    await db.schema.createIndex("stored_files_owner").on("stored_files").columns(["owner_id", "seq"]).execute();
  },
  // 5: what each run used (JSON of ResourceUsage).
  async (db) => {
    await db.schema.alterTable("executions").addColumn("usage", "text").execute();
  },
  // 6: runtime versions: the lines an image has (JSON of RuntimeLine[]), and the version a run used.
  async (db) => {
    await db.schema.alterTable("images").addColumn("versions", "text").execute();
    await db.schema.alterTable("executions").addColumn("runtime_version", "text").execute();
  },
  // 7: the isolation a run had (every earlier one ran under runc).
  async (db) => {
    await db.schema
      .alterTable("executions")
      .addColumn("isolation", "text", (column) => column.notNull().defaultTo("STANDARD"))
      .execute();
  },
];

export function sevenSteps(dialect: StoreDialect): Migration {
  return {
    async up(db) {
      const done = await dialect.legacySteps(db);
      for (const step of STEPS.slice(done)) await step(db, dialect);
    },
  };
}
