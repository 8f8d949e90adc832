/**
 * The embedded SQLite database (better-sqlite3) in the data folder: the only module that opens it.
 * WAL mode keeps readers (subscriptions replaying events) from blocking the writer.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE executions (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     language TEXT NOT NULL,
     status TEXT NOT NULL,
     image_id TEXT NOT NULL,
     docker_image TEXT NOT NULL,
     file_id TEXT,
     code TEXT NOT NULL,
     stdin TEXT,
     args TEXT NOT NULL,
     file_ids TEXT NOT NULL,
     limits TEXT NOT NULL,
     warnings TEXT NOT NULL,
     exit_code INTEGER,
     stdout TEXT NOT NULL DEFAULT '',
     stderr TEXT NOT NULL DEFAULT '',
     output_truncated INTEGER NOT NULL DEFAULT 0,
     error TEXT,
     container_id TEXT,
     created_at TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT,
     duration_ms INTEGER
   );
   CREATE INDEX executions_status ON executions (status, seq);
   CREATE INDEX executions_language ON executions (language, seq);
   CREATE TABLE execution_events (
     execution_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     at TEXT NOT NULL,
     kind TEXT NOT NULL,
     stream TEXT,
     data TEXT,
     status TEXT,
     PRIMARY KEY (execution_id, seq)
   ) WITHOUT ROWID;`,
  `CREATE TABLE images (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL UNIQUE,
     languages TEXT NOT NULL,
     status TEXT NOT NULL,
     docker_tag TEXT NOT NULL,
     docker_image_id TEXT,
     size_bytes REAL,
     error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE installed_packages (
     image_id TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
     manager TEXT NOT NULL,
     name TEXT NOT NULL,
     version TEXT,
     installed_at TEXT NOT NULL,
     PRIMARY KEY (image_id, manager, name)
   ) WITHOUT ROWID;
   CREATE TABLE package_installations (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     image_id TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
     manager TEXT NOT NULL,
     packages TEXT NOT NULL,
     status TEXT NOT NULL,
     error TEXT,
     started_at TEXT NOT NULL,
     finished_at TEXT
   );
   CREATE TABLE job_log_lines (
     job_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     at TEXT NOT NULL,
     line TEXT NOT NULL,
     PRIMARY KEY (job_id, seq)
   ) WITHOUT ROWID;`,
  `CREATE TABLE stored_files (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     language TEXT,
     size_bytes INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX stored_files_language ON stored_files (language, seq);
   CREATE INDEX stored_files_sha256 ON stored_files (sha256);`,
  // Principals, their API keys (only a hash is kept) and browser sessions; every record gains its owner.
  `CREATE TABLE principals (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE api_keys (
     id TEXT PRIMARY KEY,
     principal_id TEXT NOT NULL REFERENCES principals (id),
     key_hash TEXT NOT NULL UNIQUE,
     network INTEGER,
     quotas TEXT NOT NULL DEFAULT '{}',
     created_at TEXT NOT NULL,
     last_used_at TEXT,
     revoked_at TEXT
   );
   CREATE TABLE sessions (
     id_hash TEXT PRIMARY KEY,
     key_id TEXT NOT NULL REFERENCES api_keys (id),
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   ALTER TABLE executions ADD COLUMN owner_id TEXT;
   ALTER TABLE stored_files ADD COLUMN owner_id TEXT;
   ALTER TABLE images ADD COLUMN owner_id TEXT;
   ALTER TABLE package_installations ADD COLUMN owner_id TEXT;
   CREATE INDEX executions_owner ON executions (owner_id, seq);
   CREATE INDEX stored_files_owner ON stored_files (owner_id, seq);`,
  // 5: what each run used (JSON of ResourceUsage).
  "ALTER TABLE executions ADD COLUMN usage TEXT;",
  // 6: runtime versions: the lines an image has (JSON of RuntimeLine[]), and the version a run used.
  `ALTER TABLE images ADD COLUMN versions TEXT;
   ALTER TABLE executions ADD COLUMN runtime_version TEXT;`,
  // 7: the isolation a run had (every earlier one ran under runc).
  "ALTER TABLE executions ADD COLUMN isolation TEXT NOT NULL DEFAULT 'STANDARD';",
];

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, "executor.sqlite"));
  // Free pages can be given back a few at a time (see reclaimSpace). It takes effect only on a new
  // database, before its first table; an older one is converted by reclaimSpace's one VACUUM.
  db.pragma("auto_vacuum = INCREMENTAL");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}

/** Whether a store error says the disk is full (SQLite needs room even to delete). */
export const isDiskFull = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === "SQLITE_FULL";

const INCREMENTAL = 2;

/**
 * Gives the pages that deletes freed back to the file system; returns how many bytes the database
 * file shrank. With auto_vacuum INCREMENTAL (every database made since retention came) that is
 * `incremental_vacuum`, which only moves pages to the end and truncates. A database made before
 * runs VACUUM once, setting INCREMENTAL on the way (it rewrites the whole file, and needs as much
 * free space again). In WAL mode both write into the WAL first: the file shrinks at the checkpoint,
 * and TRUNCATE also empties the WAL, which a VACUUM made as large as the database.
 */
export function reclaimSpace(db: Db): number {
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  const pages = () => db.pragma("page_count", { simple: true }) as number;
  if ((db.pragma("freelist_count", { simple: true }) as number) === 0) return 0;
  const before = pages();
  if ((db.pragma("auto_vacuum", { simple: true }) as number) === INCREMENTAL) {
    db.pragma("incremental_vacuum");
  } else {
    db.pragma("auto_vacuum = INCREMENTAL");
    db.exec("VACUUM");
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  return (before - pages()) * pageSize;
}

function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
