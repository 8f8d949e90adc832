/**
 * One page of a table, newest first, keyed by its INTEGER `seq` column: the rows after a position
 * (exclusive), one row more than asked to tell whether a next page exists, and the filtered total.
 */
import type { Db } from "./database.js";

export interface PageQuery {
  first: number;
  /** The page starts after the row with this seq; null for the first page. */
  afterPosition: number | null;
  /** Column equality filters; null or undefined values do not filter. */
  equals: Record<string, string | null | undefined>;
}

export interface Page<Row> {
  rows: Row[];
  hasNextPage: boolean;
  totalCount: number;
}

export function newestFirstPage<Row extends { seq: number }>(db: Db, table: string, query: PageQuery): Page<Row> {
  const params: Record<string, unknown> = {};
  const filters: string[] = [];
  for (const [column, value] of Object.entries(query.equals)) {
    if (value === null || value === undefined) continue;
    filters.push(`${column} = @${column}`);
    params[column] = value;
  }
  const where = (clauses: string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "");
  const totalCount = (db.prepare(`SELECT COUNT(*) AS n FROM ${table} ${where(filters)}`).get(params) as { n: number })
    .n;
  const pageFilters = query.afterPosition === null ? filters : [...filters, "seq < @after"];
  const rows = db
    .prepare(`SELECT * FROM ${table} ${where(pageFilters)} ORDER BY seq DESC LIMIT @limit`)
    .all({ ...params, after: query.afterPosition, limit: query.first + 1 }) as Row[];
  return { rows: rows.slice(0, query.first), hasNextPage: rows.length > query.first, totalCount };
}
