/**
 * One page of a table, newest first, keyed by its numbered `seq` column: the rows after a position
 * (exclusive), one row more than asked to tell whether a next page exists, and the filtered total.
 */
import type { Selectable } from "kysely";
import type { Db, Tables } from "./tables.js";

/** The tables that are listed by page. */
type Listed = "executions" | "stored_files";

export interface PageQuery<T extends Listed> {
  first: number;
  /** The page starts after the row with this seq; null for the first page. */
  afterPosition: number | null;
  /** Column equality filters; null or undefined values do not filter. */
  equals: { [Column in keyof Tables[T] & string]?: string | null };
}

export interface Page<Row> {
  rows: Row[];
  hasNextPage: boolean;
  totalCount: number;
}

export async function newestFirstPage<T extends Listed>(
  db: Db,
  table: T,
  query: PageQuery<T>,
): Promise<Page<Selectable<Tables[T]>>> {
  const filters = Object.entries(query.equals).filter(
    (entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined,
  );
  // The filters name columns of `table`, which the type of `equals` checks; the builder cannot follow a generic table.
  const filtered = () =>
    filters.reduce(
      (select, [column, value]) => select.where(db.dynamic.ref(column), "=", value),
      db.selectFrom(table as Listed),
    );
  const total = await filtered()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = (await filtered()
    .selectAll()
    .$if(query.afterPosition !== null, (select) => select.where("seq", "<", query.afterPosition as number))
    .orderBy("seq", "desc")
    .limit(query.first + 1)
    .execute()) as Selectable<Tables[T]>[];
  return { rows: rows.slice(0, query.first), hasNextPage: rows.length > query.first, totalCount: Number(total.n) };
}
