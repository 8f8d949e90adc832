/**
 * Which stored files each execution names, as rows of execution_files: retention asks "is this file
 * named by some execution?" with a join, where it used to read every execution's fileIds JSON with
 * SQLite's json_each. The JSON stays the record's own list; the rows are filled from it here.
 */
import type { Kysely, Migration } from "kysely";
import { namedFiles } from "../execution-files.js";
import type { StoreDialect } from "../store-dialect.js";

/** The tables as this step finds them (later steps may change them; this one must read the same). */
interface Before {
  executions: { seq: number; id: string; file_id: string | null; file_ids: string };
  execution_files: { execution_id: string; file_id: string };
}

/** Executions read per batch, and rows written per insert (two parameters each, well under any engine's cap). */
const BATCH = 500;

export function executionFiles(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<Before>) {
      await dialect
        .keyOrdered(
          db.schema
            .createTable("execution_files")
            .addColumn("execution_id", "text", (column) => column.notNull())
            .addColumn("file_id", "text", (column) => column.notNull())
            .addPrimaryKeyConstraint("execution_files_key", ["execution_id", "file_id"]),
        )
        .execute();
      await db.schema.createIndex("execution_files_file").on("execution_files").column("file_id").execute();
      let after = 0;
      for (;;) {
        const executions = await db
          .selectFrom("executions")
          .select(["seq", "id", "file_id", "file_ids"])
          .where("seq", ">", after)
          .orderBy("seq")
          .limit(BATCH)
          .execute();
        const last = executions.at(-1);
        if (!last) return;
        const rows = executions.flatMap((row) => namedFiles(row.id, row.file_id, JSON.parse(row.file_ids)));
        for (let start = 0; start < rows.length; start += BATCH) {
          await db
            .insertInto("execution_files")
            .values(rows.slice(start, start + BATCH))
            .execute();
        }
        after = last.seq;
      }
    },
  };
}
