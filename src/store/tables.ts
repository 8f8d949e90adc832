/**
 * The store's tables as Kysely sees them: what every typed query is checked against. Columns keep
 * portable types: times are ISO 8601 text (they sort as they compare), lists and objects JSON
 * text, flags 0 or 1, so the same rows read the same on SQLite and on Postgres.
 */
import type { Generated, Kysely } from "kysely";

export interface ExecutionsTable {
  /** The position in lists, numbered by the database and never reused. */
  seq: Generated<number>;
  id: string;
  owner_id: string | null;
  language: string;
  status: string;
  image_id: string;
  docker_image: string;
  file_id: string | null;
  code: string;
  stdin: string | null;
  /** JSON string[]. */
  args: string;
  /** JSON string[]: the record's own list, in its order (execution_files answers which files are named). */
  file_ids: string;
  /** JSON Limits. */
  limits: string;
  /** JSON string[]. */
  warnings: string;
  exit_code: number | null;
  stdout: Generated<string>;
  stderr: Generated<string>;
  output_truncated: Generated<number>;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  /** JSON ResourceUsage. */
  usage: string | null;
  runtime_version: string | null;
  isolation: Generated<string>;
}

export interface ExecutionEventsTable {
  execution_id: string;
  seq: number;
  at: string;
  kind: "LOG" | "STATUS";
  stream: string | null;
  data: string | null;
  status: string | null;
}

/** Which stored files an execution names (its fileId and its fileIds), so retention can ask without reading JSON. */
export interface ExecutionFilesTable {
  execution_id: string;
  file_id: string;
}

export interface ImagesTable {
  seq: Generated<number>;
  id: string;
  owner_id: string | null;
  name: string;
  /** JSON LanguageId[]. */
  languages: string;
  /** JSON RuntimeLine[]. */
  versions: string | null;
  status: string;
  docker_tag: string;
  docker_image_id: string | null;
  size_bytes: number | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface InstalledPackagesTable {
  image_id: string;
  manager: string;
  name: string;
  version: string | null;
  installed_at: string;
}

export interface PackageInstallationsTable {
  seq: Generated<number>;
  id: string;
  owner_id: string | null;
  image_id: string;
  manager: string;
  /** JSON string[]. */
  packages: string;
  status: string;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface JobLogLinesTable {
  job_id: string;
  seq: number;
  at: string;
  line: string;
}

export interface StoredFilesTable {
  seq: Generated<number>;
  id: string;
  owner_id: string | null;
  name: string;
  language: string | null;
  size_bytes: number;
  sha256: string;
  created_at: string;
}

export interface PrincipalsTable {
  id: string;
  name: string;
  role: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  principal_id: string;
  key_hash: string;
  /** 1, 0, or null for the role's default. */
  network: number | null;
  /** JSON Partial<Quotas>. */
  quotas: Generated<string>;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  key_id: string;
  created_at: string;
  expires_at: string;
}

/** What each principal holds of what its quotas count, kept by the writes that change it (see quota-counter.ts). */
export interface PrincipalUsageTable {
  principal_id: string;
  file_bytes: Generated<number>;
  images: Generated<number>;
}

export interface Tables {
  executions: ExecutionsTable;
  execution_events: ExecutionEventsTable;
  execution_files: ExecutionFilesTable;
  images: ImagesTable;
  installed_packages: InstalledPackagesTable;
  package_installations: PackageInstallationsTable;
  job_log_lines: JobLogLinesTable;
  stored_files: StoredFilesTable;
  principals: PrincipalsTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  principal_usage: PrincipalUsageTable;
}

/** The store's database, or a transaction in it: every store module takes one. */
export type Db = Kysely<Tables>;
