/** How long finished executions and stored files are kept (the RETAIN_* settings); null: no bound. */
export interface RetentionPolicy {
  /** Finished executions (with their events) older than this go, counted from when they ended. */
  executionsMaxAgeMs: number | null;
  /** Past this total, the oldest finished executions go until the rest fit. */
  executionsMaxBytes: number | null;
  /** Stored files older than this go, unless a stored execution still names them. */
  filesMaxAgeMs: number | null;
  /** How often the pruner runs (it also runs once at start). */
  intervalMs: number;
}

/** Whether any bound is set: with none, the pruner never runs. */
export const retentionEnabled = (policy: RetentionPolicy): boolean =>
  policy.executionsMaxAgeMs !== null || policy.executionsMaxBytes !== null || policy.filesMaxAgeMs !== null;

/** What one prune removed. */
export interface PruneReport {
  executions: number;
  /** Event rows that went with them. */
  events: number;
  files: number;
  /** Bytes of blobs removed (a blob goes when no file names it any more). */
  blobBytes: number;
  /** What the database gave back to the file system after the deletes, in bytes. */
  reclaimedBytes: number;
}
