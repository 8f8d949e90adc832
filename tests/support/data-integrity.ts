/** Whether a data folder's database survived a fault: SQLite's own integrity check, read-only. */
import { join } from "node:path";
import { integrityOf } from "../../src/store/sqlite-dialect.js";

/** "ok" when the database is intact; otherwise SQLite's first finding. */
export const databaseIntegrity = (dataDir: string): string => integrityOf(join(dataDir, "executor.sqlite"));
