/**
 * Quota counters: what each principal holds of what its quotas count (bytes of stored files,
 * custom images), kept by the writes themselves (see quota-counter.ts), where the quota used to be
 * a count read before the write. Filled here from the records as they are.
 */
import type { Kysely, Migration } from "kysely";

interface Before {
  stored_files: { owner_id: string | null; size_bytes: number };
  images: { owner_id: string | null };
  principal_usage: { principal_id: string; file_bytes: number; images: number };
}

export function quotaCounters(): Migration {
  return {
    async up(db: Kysely<Before>) {
      await db.schema
        .createTable("principal_usage")
        .addColumn("principal_id", "text", (column) => column.primaryKey())
        // Postgres's integer stops at 2 GiB: bytes need 64 bits (SQLite's integers have them all).
        .addColumn("file_bytes", "bigint", (column) => column.notNull().defaultTo(0))
        .addColumn("images", "integer", (column) => column.notNull().defaultTo(0))
        .execute();
      const usage = new Map<string, { principal_id: string; file_bytes: number; images: number }>();
      const of = (principalId: string) => {
        const found = usage.get(principalId) ?? { principal_id: principalId, file_bytes: 0, images: 0 };
        usage.set(principalId, found);
        return found;
      };
      const files = await db
        .selectFrom("stored_files")
        .select((eb) => ["owner_id", eb.fn.sum<number>("size_bytes").as("bytes")])
        .where("owner_id", "is not", null)
        .groupBy("owner_id")
        .execute();
      for (const row of files) of(row.owner_id as string).file_bytes = Number(row.bytes);
      const images = await db
        .selectFrom("images")
        .select((eb) => ["owner_id", eb.fn.countAll<number>().as("count")])
        .where("owner_id", "is not", null)
        .groupBy("owner_id")
        .execute();
      for (const row of images) of(row.owner_id as string).images = Number(row.count);
      // One row per principal that holds anything: a handful, in one insert.
      if (usage.size > 0)
        await db
          .insertInto("principal_usage")
          .values([...usage.values()])
          .execute();
    },
  };
}
