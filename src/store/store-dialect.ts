/**
 * What a database engine says in its own way, behind one small interface, so that the store's
 * queries and migrations stay one set for every engine. SQLite's is sqlite-dialect.ts; Postgres
 * would be a second implementation, and the queries would not change.
 */
import type { ColumnDefinitionBuilder, CreateTableBuilder, Dialect, Kysely } from "kysely";

export interface StoreDialect {
  /** Kysely's dialect over the open connection: the driver and the SQL it writes. */
  readonly kysely: Dialect;
  /**
   * A key the database numbers itself, with numbers never reused, not even after the newest row is
   * deleted: page cursors are such numbers, and must not come to name another row.
   */
  serialKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** A table kept in the order of its primary key (logs read by key range); an engine may have no such thing. */
  keyOrdered<Table extends string, Column extends string>(
    table: CreateTableBuilder<Table, Column>,
  ): CreateTableBuilder<Table, Column>;
  /** How many of the store's steps from before Kysely this database has had (0 on an engine they never ran on). */
  legacySteps(db: Kysely<unknown>): Promise<number>;
  /** Gives the room that deletes freed back to the file system; says how many bytes (0 where the engine does it itself). */
  reclaimSpace(db: Kysely<unknown>): Promise<number>;
}
