/**
 * The counters that the quotas of stored things read: bytes of stored files and custom images, per
 * principal, in principal_usage, changed by the same transaction as the write they count. Taking is
 * one conditional `UPDATE … SET n = n + k WHERE n + k <= limit`, atomic on SQLite and on Postgres
 * alike, so two writers can never both take the last of a quota, in one process or in many.
 */
import type { Db } from "./tables.js";

export type Counter = "file_bytes" | "images";

/** How a write that a quota counts went: done, or refused with what the principal holds already. */
export type Counted = { refused: false } | { refused: true; used: number };

/** Adds `amount` to the principal's counter, unless that would pass `limit` (null: no limit). */
export async function take(
  db: Db,
  principalId: string,
  counter: Counter,
  amount: number,
  limit: number | null,
): Promise<Counted> {
  await db
    .insertInto("principal_usage")
    .values({ principal_id: principalId })
    .onConflict((conflict) => conflict.column("principal_id").doNothing())
    .execute();
  const { numUpdatedRows } = await db
    .updateTable("principal_usage")
    .set((eb) => ({ [counter]: eb(counter, "+", amount) }))
    .where("principal_id", "=", principalId)
    .$if(limit !== null, (query) => query.where((eb) => eb(eb(counter, "+", amount), "<=", limit as number)))
    .executeTakeFirst();
  return numUpdatedRows > 0n ? { refused: false } : { refused: true, used: await used(db, principalId, counter) };
}

/** Gives back what a deleted record took. */
export async function give(db: Db, principalId: string, counter: Counter, amount: number): Promise<void> {
  await db
    .updateTable("principal_usage")
    .set((eb) => ({ [counter]: eb(counter, "-", amount) }))
    .where("principal_id", "=", principalId)
    .execute();
}

/** What the principal holds of the counter now. */
export async function used(db: Db, principalId: string, counter: Counter): Promise<number> {
  const row = await db
    .selectFrom("principal_usage")
    .select(counter)
    .where("principal_id", "=", principalId)
    .executeTakeFirst();
  return Number(row?.[counter] ?? 0);
}

/** Counts the principal's records afresh (they just became its own: see adoptUnowned). */
export async function recount(db: Db, principalId: string): Promise<void> {
  const files = await db
    .selectFrom("stored_files")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("size_bytes"), eb.lit(0)).as("bytes"))
    .where("owner_id", "=", principalId)
    .executeTakeFirstOrThrow();
  const images = await db
    .selectFrom("images")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("owner_id", "=", principalId)
    .executeTakeFirstOrThrow();
  const counts = { file_bytes: Number(files.bytes), images: Number(images.count) };
  await db
    .insertInto("principal_usage")
    .values({ principal_id: principalId, ...counts })
    .onConflict((conflict) => conflict.column("principal_id").doUpdateSet(counts))
    .execute();
}
