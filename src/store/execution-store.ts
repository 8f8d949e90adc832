/** Executions and their event logs in SQLite. */

import type { Execution, ExecutionEvent, ExecutionStatus } from "../domain/execution.js";
import type { Isolation } from "../domain/isolation.js";
import type { LanguageId } from "../domain/languages.js";
import type { Limits } from "../domain/limits.js";
import type { Db } from "./database.js";
import { newestFirstPage } from "./newest-first-page.js";

export interface ExecutionPageQuery {
  first: number;
  /** Exclusive: the page starts after the execution with this position. */
  afterPosition: number | null;
  status: ExecutionStatus | null;
  language: LanguageId | null;
  /** Only this principal's executions; null: everyone's. */
  ownerId: string | null;
}

export interface ExecutionPage {
  items: { execution: Execution; position: number }[];
  hasNextPage: boolean;
  totalCount: number;
}

interface ExecutionRow {
  seq: number;
  id: string;
  owner_id: string | null;
  language: string;
  status: string;
  image_id: string;
  docker_image: string;
  file_id: string | null;
  code: string;
  stdin: string | null;
  args: string;
  file_ids: string;
  limits: string;
  warnings: string;
  exit_code: number | null;
  stdout: string;
  stderr: string;
  output_truncated: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  usage: string | null;
  runtime_version: string | null;
  isolation: string;
}

interface EventRow {
  execution_id: string;
  seq: number;
  at: string;
  kind: "LOG" | "STATUS";
  stream: string | null;
  data: string | null;
  status: string | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

function toExecution(row: ExecutionRow): Execution {
  return {
    id: row.id,
    ownerId: row.owner_id,
    language: row.language as LanguageId,
    runtimeVersion: row.runtime_version,
    isolation: row.isolation as Isolation,
    status: row.status as ExecutionStatus,
    imageId: row.image_id,
    dockerImage: row.docker_image,
    fileId: row.file_id,
    code: row.code,
    stdin: row.stdin,
    args: JSON.parse(row.args),
    fileIds: JSON.parse(row.file_ids),
    limits: JSON.parse(row.limits) as Limits,
    warnings: JSON.parse(row.warnings),
    exitCode: row.exit_code,
    stdout: row.stdout,
    stderr: row.stderr,
    outputTruncated: row.output_truncated === 1,
    error: row.error,
    createdAt: new Date(row.created_at),
    startedAt: date(row.started_at),
    finishedAt: date(row.finished_at),
    durationMs: row.duration_ms,
    usage: row.usage === null ? null : JSON.parse(row.usage),
  };
}

function toEvent(row: EventRow): ExecutionEvent {
  const base = { executionId: row.execution_id, seq: row.seq, at: new Date(row.at) };
  return row.kind === "LOG"
    ? { ...base, kind: "LOG", stream: row.stream as "STDOUT" | "STDERR", data: row.data ?? "" }
    : { ...base, kind: "STATUS", status: row.status as ExecutionStatus };
}

/** A finished execution's place and weight, for the size bound of retention. */
export interface ExecutionWeight {
  id: string;
  status: ExecutionStatus;
  /** About what it takes in the database: its text, its events' text, and a fixed cost per row. */
  bytes: number;
}

/**
 * Bytes an execution weighs: its code, stdin and output, and each event's data, plus ROW_BYTES per
 * row for the rest (ids, times, limits). An estimate, cheap to compute; SQLite's own page use
 * differs a little.
 */
const ROW_BYTES = 64;
const TEXT_BYTES = (column: string) => `length(CAST(COALESCE(${column}, '') AS BLOB))`;
const WEIGHT = `${ROW_BYTES * 4} + ${["e.code", "e.stdin", "e.stdout", "e.stderr"].map(TEXT_BYTES).join(" + ")}
  + COALESCE((SELECT SUM(${ROW_BYTES} + ${TEXT_BYTES("v.data")}) FROM execution_events v WHERE v.execution_id = e.id), 0)`;

/** Statuses of executions that may still change: retention never touches them. */
const UNFINISHED = "('QUEUED', 'RUNNING')";

export type ExecutionPatch = Partial<
  Pick<
    Execution,
    | "status"
    | "exitCode"
    | "stdout"
    | "stderr"
    | "outputTruncated"
    | "error"
    | "startedAt"
    | "finishedAt"
    | "durationMs"
    | "usage"
    | "dockerImage"
  >
>;

const PATCH_COLUMNS: Record<keyof ExecutionPatch, string> = {
  status: "status",
  exitCode: "exit_code",
  stdout: "stdout",
  stderr: "stderr",
  outputTruncated: "output_truncated",
  error: "error",
  startedAt: "started_at",
  finishedAt: "finished_at",
  durationMs: "duration_ms",
  usage: "usage",
  dockerImage: "docker_image",
};

function toColumnValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

export function createExecutionStore(db: Db) {
  const insertExecution = db.prepare(
    `INSERT INTO executions (id, owner_id, language, runtime_version, isolation, status, image_id, docker_image, file_id, code, stdin, args,
       file_ids, limits, warnings, created_at)
     VALUES (@id, @ownerId, @language, @runtimeVersion, @isolation, @status, @imageId, @dockerImage, @fileId, @code, @stdin, @args, @fileIds,
       @limits, @warnings, @createdAt)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO execution_events (execution_id, seq, at, kind, stream, data, status)
     VALUES (@executionId, @seq, @at, @kind, @stream, @data, @status)`,
  );
  const selectById = db.prepare("SELECT * FROM executions WHERE id = ?");
  const selectEvents = db.prepare(
    "SELECT * FROM execution_events WHERE execution_id = ? AND seq > ? ORDER BY seq LIMIT ?",
  );
  const selectUnfinished = db.prepare(`SELECT * FROM executions WHERE status IN ${UNFINISHED} ORDER BY seq`);
  const deleteEvents = db.prepare("DELETE FROM execution_events WHERE execution_id = ?");
  const deleteExecution = db.prepare(`DELETE FROM executions WHERE id = ? AND status NOT IN ${UNFINISHED}`);

  return {
    insert(execution: Execution): void {
      insertExecution.run({
        ...execution,
        args: JSON.stringify(execution.args),
        fileIds: JSON.stringify(execution.fileIds),
        limits: JSON.stringify(execution.limits),
        warnings: JSON.stringify(execution.warnings),
        createdAt: execution.createdAt.toISOString(),
      });
    },

    update(id: string, patch: ExecutionPatch): void {
      const entries = Object.entries(patch) as [keyof ExecutionPatch, unknown][];
      if (entries.length === 0) return;
      const assignments = entries.map(([key]) => `${PATCH_COLUMNS[key]} = @${key}`).join(", ");
      const values = Object.fromEntries(entries.map(([key, value]) => [key, toColumnValue(value)]));
      db.prepare(`UPDATE executions SET ${assignments} WHERE id = @id`).run({ ...values, id });
    },

    get(id: string): Execution | null {
      const row = selectById.get(id) as ExecutionRow | undefined;
      return row ? toExecution(row) : null;
    },

    /** Newest first. */
    page(query: ExecutionPageQuery): ExecutionPage {
      const page = newestFirstPage<ExecutionRow>(db, "executions", {
        ...query,
        equals: { status: query.status, language: query.language, owner_id: query.ownerId },
      });
      const { rows, ...counts } = page;
      return { ...counts, items: rows.map((row) => ({ execution: toExecution(row), position: row.seq })) };
    },

    appendEvent(event: ExecutionEvent): void {
      insertEvent.run({
        executionId: event.executionId,
        seq: event.seq,
        at: event.at.toISOString(),
        kind: event.kind,
        stream: event.kind === "LOG" ? event.stream : null,
        data: event.kind === "LOG" ? event.data : null,
        status: event.kind === "STATUS" ? event.status : null,
      });
    },

    eventsAfter(executionId: string, afterSeq: number, limit = 500): ExecutionEvent[] {
      return (selectEvents.all(executionId, afterSeq, limit) as EventRow[]).map(toEvent);
    },

    lastEventSeq(executionId: string): number {
      const row = db
        .prepare("SELECT MAX(seq) AS seq FROM execution_events WHERE execution_id = ?")
        .get(executionId) as {
        seq: number | null;
      };
      return row.seq ?? 0;
    },

    unfinished(): Execution[] {
      return (selectUnfinished.all() as ExecutionRow[]).map(toExecution);
    },

    /**
     * Deletes finished executions with their events, in one transaction; one that is QUEUED or
     * RUNNING is left as it is. Says how many executions and events went.
     */
    deleteFinished(ids: readonly string[]): { executions: number; events: number } {
      return db.transaction(() => {
        let executions = 0;
        let events = 0;
        for (const id of ids) {
          if (deleteExecution.run(id).changes === 0) continue;
          executions++;
          events += deleteEvents.run(id).changes;
        }
        return { executions, events };
      })();
    },

    /** Ids of finished executions that ended (or, never started, were made) before `cutoff`. */
    finishedBefore(cutoff: Date): string[] {
      const rows = db
        .prepare(
          `SELECT id FROM executions WHERE status NOT IN ${UNFINISHED} AND COALESCE(finished_at, created_at) < ? ORDER BY seq`,
        )
        .all(cutoff.toISOString()) as { id: string }[];
      return rows.map((row) => row.id);
    },

    /** Every execution with its weight, newest first. */
    weightsNewestFirst(): ExecutionWeight[] {
      return db
        .prepare(`SELECT e.id AS id, e.status AS status, ${WEIGHT} AS bytes FROM executions e ORDER BY e.seq DESC`)
        .all() as ExecutionWeight[];
    },
  };
}

export type ExecutionStore = ReturnType<typeof createExecutionStore>;
