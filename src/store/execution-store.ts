/** Executions, their event logs, and which stored files each one names. */

import type { ExpressionBuilder, Insertable, Selectable, Updateable } from "kysely";
import type { Execution, ExecutionEvent, ExecutionStatus } from "../domain/execution.js";
import type { Isolation } from "../domain/isolation.js";
import type { LanguageId } from "../domain/languages.js";
import type { Limits } from "../domain/limits.js";
import { namedFiles } from "./execution-files.js";
import { newestFirstPage } from "./newest-first-page.js";
import type { Db, ExecutionEventsTable, ExecutionsTable, Tables } from "./tables.js";

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

type ExecutionRow = Selectable<ExecutionsTable>;
type EventRow = Selectable<ExecutionEventsTable>;

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
 * row for the rest (ids, times, limits). An estimate, cheap to compute; the engine's own page use
 * differs a little. Text is counted in bytes with octet_length, which SQLite (from 3.43) and
 * Postgres both have.
 */
const ROW_BYTES = 64;

/** Statuses of executions that may still change: retention never touches them. */
const UNFINISHED: ExecutionStatus[] = ["QUEUED", "RUNNING"];

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

const PATCH_COLUMNS: Record<keyof ExecutionPatch, keyof ExecutionsTable> = {
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

function toPatchRow(patch: ExecutionPatch): Updateable<ExecutionsTable> {
  const entries = (Object.entries(patch) as [keyof ExecutionPatch, unknown][]).filter(
    ([, value]) => value !== undefined,
  );
  return Object.fromEntries(entries.map(([key, value]) => [PATCH_COLUMNS[key], toColumnValue(value)]));
}

function toRow(execution: Execution): Insertable<ExecutionsTable> {
  return {
    id: execution.id,
    owner_id: execution.ownerId,
    language: execution.language,
    runtime_version: execution.runtimeVersion,
    isolation: execution.isolation,
    status: execution.status,
    image_id: execution.imageId,
    docker_image: execution.dockerImage,
    file_id: execution.fileId,
    code: execution.code,
    stdin: execution.stdin,
    args: JSON.stringify(execution.args),
    file_ids: JSON.stringify(execution.fileIds),
    limits: JSON.stringify(execution.limits),
    warnings: JSON.stringify(execution.warnings),
    created_at: execution.createdAt.toISOString(),
  };
}

function toEventRow(event: ExecutionEvent): EventRow {
  return {
    execution_id: event.executionId,
    seq: event.seq,
    at: event.at.toISOString(),
    kind: event.kind,
    stream: event.kind === "LOG" ? event.stream : null,
    data: event.kind === "LOG" ? event.data : null,
    status: event.kind === "STATUS" ? event.status : null,
  };
}

/** The bytes of a text column, 0 for null. */
function textBytes(eb: ExpressionBuilder<Tables, "executions" | "execution_events">, column: WeighedColumn) {
  return eb.fn<number>("octet_length", [eb.fn.coalesce(column, eb.val(""))]);
}

type WeighedColumn =
  | "executions.code"
  | "executions.stdin"
  | "executions.stdout"
  | "executions.stderr"
  | "execution_events.data";

export function createExecutionStore(db: Db) {
  const appendEvent = async (trx: Db, event: ExecutionEvent) => {
    await trx.insertInto("execution_events").values(toEventRow(event)).execute();
  };

  return {
    /** Records a new execution with its first event, in one transaction. */
    async insert(execution: Execution, event: ExecutionEvent): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("executions").values(toRow(execution)).execute();
        const named = namedFiles(execution.id, execution.fileId, execution.fileIds);
        if (named.length > 0) await trx.insertInto("execution_files").values(named).execute();
        await appendEvent(trx, event);
      });
    },

    /**
     * Changes fields of the record. With an event (the STATUS event of the status it sets), both are
     * one transaction: no reader ever sees a status without its event.
     */
    async update(id: string, patch: ExecutionPatch, event?: ExecutionEvent): Promise<void> {
      const row = toPatchRow(patch);
      if (Object.keys(row).length === 0 && !event) return;
      await db.transaction().execute(async (trx) => {
        if (Object.keys(row).length > 0) await trx.updateTable("executions").set(row).where("id", "=", id).execute();
        if (event) await appendEvent(trx, event);
      });
    },

    async get(id: string): Promise<Execution | null> {
      const row = await db.selectFrom("executions").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toExecution(row) : null;
    },

    /** Newest first. */
    async page(query: ExecutionPageQuery): Promise<ExecutionPage> {
      const { rows, ...counts } = await newestFirstPage(db, "executions", {
        ...query,
        equals: { status: query.status, language: query.language, owner_id: query.ownerId },
      });
      return { ...counts, items: rows.map((row) => ({ execution: toExecution(row), position: row.seq })) };
    },

    appendEvent: (event: ExecutionEvent): Promise<void> => appendEvent(db, event),

    async eventsAfter(executionId: string, afterSeq: number, limit = 500): Promise<ExecutionEvent[]> {
      const rows = await db
        .selectFrom("execution_events")
        .selectAll()
        .where("execution_id", "=", executionId)
        .where("seq", ">", afterSeq)
        .orderBy("seq")
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },

    /** The seq of the execution's last event; 0 before the first. */
    async lastEventSeq(executionId: string): Promise<number> {
      const row = await db
        .selectFrom("execution_events")
        .select((eb) => eb.fn.max("seq").as("seq"))
        .where("execution_id", "=", executionId)
        .executeTakeFirst();
      return row?.seq ?? 0;
    },

    async unfinished(): Promise<Execution[]> {
      const rows = await db
        .selectFrom("executions")
        .selectAll()
        .where("status", "in", UNFINISHED)
        .orderBy("seq")
        .execute();
      return rows.map(toExecution);
    },

    /**
     * Deletes finished executions with their events, in one transaction; one that is QUEUED or
     * RUNNING is left as it is. Says how many executions and events went.
     */
    deleteFinished(ids: readonly string[]): Promise<{ executions: number; events: number }> {
      return db.transaction().execute(async (trx) => {
        let executions = 0;
        let events = 0;
        for (const id of ids) {
          const deleted = await trx
            .deleteFrom("executions")
            .where("id", "=", id)
            .where("status", "not in", UNFINISHED)
            .executeTakeFirst();
          if (deleted.numDeletedRows === 0n) continue;
          executions++;
          const gone = await trx.deleteFrom("execution_events").where("execution_id", "=", id).executeTakeFirst();
          events += Number(gone.numDeletedRows);
          await trx.deleteFrom("execution_files").where("execution_id", "=", id).execute();
        }
        return { executions, events };
      });
    },

    /** Ids of finished executions that ended (or, never started, were made) before `cutoff`. */
    async finishedBefore(cutoff: Date): Promise<string[]> {
      const rows = await db
        .selectFrom("executions")
        .select("id")
        .where("status", "not in", UNFINISHED)
        .where((eb) => eb(eb.fn.coalesce("finished_at", "created_at"), "<", cutoff.toISOString()))
        .orderBy("seq")
        .execute();
      return rows.map((row) => row.id);
    },

    /** Every execution with its weight, newest first. */
    async weightsNewestFirst(): Promise<ExecutionWeight[]> {
      const rows = await db
        .selectFrom("executions")
        .select((eb) => [
          "executions.id",
          "executions.status",
          [
            textBytes(eb, "executions.code"),
            textBytes(eb, "executions.stdin"),
            textBytes(eb, "executions.stdout"),
            textBytes(eb, "executions.stderr"),
            eb.fn.coalesce(
              eb
                .selectFrom("execution_events")
                .select((events) =>
                  events.fn
                    .sum<number>(events(events.lit<number>(ROW_BYTES), "+", textBytes(events, "execution_events.data")))
                    .as("bytes"),
                )
                .whereRef("execution_events.execution_id", "=", "executions.id"),
              eb.lit(0),
            ),
          ]
            .reduce((sum, term) => eb(sum, "+", term), eb.lit<number>(ROW_BYTES * 4))
            .as("bytes"),
        ])
        .orderBy("executions.seq", "desc")
        .execute();
      return rows.map((row) => ({ id: row.id, status: row.status as ExecutionStatus, bytes: Number(row.bytes) }));
    },
  };
}

export type ExecutionStore = ReturnType<typeof createExecutionStore>;
