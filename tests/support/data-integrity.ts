/** Whether a data folder's database survived a fault: SQLite's own integrity check, read-only. */
import { join } from "node:path";
import Database from "better-sqlite3";

/** "ok" when the database is intact; otherwise SQLite's first finding. */
export function databaseIntegrity(dataDir: string): string {
  const db = new Database(join(dataDir, "executor.sqlite"), { readonly: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}
