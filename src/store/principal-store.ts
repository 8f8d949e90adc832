/** Principals, API keys (hashes only) and browser sessions. */
import type { Selectable } from "kysely";
import type { ApiKeyInfo, Quotas, Role } from "../domain/principal.js";
import { recount } from "./quota-counter.js";
import type { ApiKeysTable, Db } from "./tables.js";

type KeyRow = Selectable<ApiKeysTable> & { name: string; role: string };

const date = (value: string | null) => (value === null ? null : new Date(value));

const toKey = (row: KeyRow): ApiKeyInfo => ({
  id: row.id,
  principalId: row.principal_id,
  name: row.name,
  role: row.role as Role,
  network: row.network === null ? null : row.network === 1,
  quotas: JSON.parse(row.quotas) as Partial<Quotas>,
  createdAt: new Date(row.created_at),
  lastUsedAt: date(row.last_used_at),
  revokedAt: date(row.revoked_at),
});

/** Tables whose rows record the principal that made them. */
const OWNED_TABLES = ["executions", "stored_files", "images", "package_installations"] as const;

export function createPrincipalStore(db: Db) {
  /** Keys with their principal's name and role. */
  const keys = () =>
    db
      .selectFrom("api_keys")
      .innerJoin("principals", "principals.id", "api_keys.principal_id")
      .selectAll("api_keys")
      .select(["principals.name", "principals.role"]);

  const principalByName = async (name: string): Promise<{ id: string; role: Role } | null> => {
    const row = await db.selectFrom("principals").select(["id", "role"]).where("name", "=", name).executeTakeFirst();
    return row ? { id: row.id, role: row.role as Role } : null;
  };

  return {
    principalByName,

    /**
     * The principal of this name, made now (with `principal`'s id and role) unless it exists: one
     * statement, so two requests naming a new principal at once make it once.
     */
    async ensurePrincipal(principal: {
      id: string;
      name: string;
      role: Role;
      createdAt: Date;
    }): Promise<{ id: string; role: Role }> {
      await db
        .insertInto("principals")
        .values({
          id: principal.id,
          name: principal.name,
          role: principal.role,
          created_at: principal.createdAt.toISOString(),
        })
        .onConflict((conflict) => conflict.column("name").doNothing())
        .execute();
      return (await principalByName(principal.name)) as { id: string; role: Role };
    },

    async insertKey(key: {
      id: string;
      principalId: string;
      hash: string;
      network: boolean | null;
      quotas: Partial<Quotas>;
    }): Promise<void> {
      await db
        .insertInto("api_keys")
        .values({
          id: key.id,
          principal_id: key.principalId,
          key_hash: key.hash,
          network: key.network === null ? null : key.network ? 1 : 0,
          quotas: JSON.stringify(key.quotas),
          created_at: new Date().toISOString(),
        })
        .execute();
    },

    async keyByHash(hash: string): Promise<ApiKeyInfo | null> {
      const row = await keys().where("api_keys.key_hash", "=", hash).executeTakeFirst();
      return row ? toKey(row) : null;
    },

    async keyById(id: string): Promise<ApiKeyInfo | null> {
      const row = await keys().where("api_keys.id", "=", id).executeTakeFirst();
      return row ? toKey(row) : null;
    },

    async listKeys(): Promise<ApiKeyInfo[]> {
      return (await keys().orderBy("api_keys.created_at").execute()).map(toKey);
    },

    /** True when some admin holds a key that is not revoked. */
    async hasActiveAdminKey(): Promise<boolean> {
      const row = await keys()
        .where("principals.role", "=", "admin")
        .where("api_keys.revoked_at", "is", null)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async touchKey(id: string, at: Date): Promise<void> {
      await db.updateTable("api_keys").set({ last_used_at: at.toISOString() }).where("id", "=", id).execute();
    },

    /** Revokes the key and ends its sessions, in one step. */
    async revokeKey(id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("api_keys")
          .set({ revoked_at: new Date().toISOString() })
          .where("id", "=", id)
          .where("revoked_at", "is", null)
          .execute();
        await trx.deleteFrom("sessions").where("key_id", "=", id).execute();
      });
    },

    /** Records made before principals existed become the given principal's, and count to its quotas. */
    async adoptUnowned(principalId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (const table of OWNED_TABLES) {
          await trx
            .updateTable(table)
            .set({ owner_id: principalId })
            .where("owner_id", "is", null)
            // The default image stays shared: it belongs to no one.
            .$if(table === "images", (query) => query.where("id", "<>", "default"))
            .execute();
        }
        await recount(trx, principalId);
      });
    },

    async insertSession(session: { idHash: string; keyId: string; expiresAt: Date }): Promise<void> {
      await db
        .insertInto("sessions")
        .values({
          id_hash: session.idHash,
          key_id: session.keyId,
          created_at: new Date().toISOString(),
          expires_at: session.expiresAt.toISOString(),
        })
        .execute();
    },

    /** The key of a live session, or null. */
    async sessionKeyId(idHash: string, now: Date): Promise<string | null> {
      const row = await db
        .selectFrom("sessions")
        .select("key_id")
        .where("id_hash", "=", idHash)
        .where("expires_at", ">", now.toISOString())
        .executeTakeFirst();
      return row?.key_id ?? null;
    },

    async deleteSession(idHash: string): Promise<void> {
      await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    },
  };
}

export type PrincipalStore = ReturnType<typeof createPrincipalStore>;
