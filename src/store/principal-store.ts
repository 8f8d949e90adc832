/** Principals, API keys (hashes only) and browser sessions in SQLite. */
import type { ApiKeyInfo, Quotas, Role } from "../domain/principal.js";
import type { Db } from "./database.js";

interface KeyRow {
  id: string;
  principal_id: string;
  name: string;
  role: string;
  network: number | null;
  quotas: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

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

const KEY_SELECT = `SELECT k.*, p.name, p.role FROM api_keys k JOIN principals p ON p.id = k.principal_id`;

/** Tables whose rows record the principal that made them. */
const OWNED_TABLES = ["executions", "stored_files", "images", "package_installations"] as const;

export function createPrincipalStore(db: Db) {
  const byHash = db.prepare(`${KEY_SELECT} WHERE k.key_hash = ?`);
  const byId = db.prepare(`${KEY_SELECT} WHERE k.id = ?`);
  const touch = db.prepare("UPDATE api_keys SET last_used_at = ? WHERE id = ?");
  const sessionKey = db.prepare("SELECT key_id FROM sessions WHERE id_hash = ? AND expires_at > ?");

  return {
    principalByName(name: string): { id: string; role: Role } | null {
      const row = db.prepare("SELECT id, role FROM principals WHERE name = ?").get(name) as
        | { id: string; role: Role }
        | undefined;
      return row ?? null;
    },

    insertPrincipal(principal: { id: string; name: string; role: Role; createdAt: Date }): void {
      db.prepare("INSERT INTO principals (id, name, role, created_at) VALUES (?, ?, ?, ?)").run(
        principal.id,
        principal.name,
        principal.role,
        principal.createdAt.toISOString(),
      );
    },

    insertKey(key: {
      id: string;
      principalId: string;
      hash: string;
      network: boolean | null;
      quotas: Partial<Quotas>;
    }): void {
      db.prepare(
        "INSERT INTO api_keys (id, principal_id, key_hash, network, quotas, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(
        key.id,
        key.principalId,
        key.hash,
        key.network === null ? null : key.network ? 1 : 0,
        JSON.stringify(key.quotas),
        new Date().toISOString(),
      );
    },

    keyByHash(hash: string): ApiKeyInfo | null {
      const row = byHash.get(hash) as KeyRow | undefined;
      return row ? toKey(row) : null;
    },

    keyById(id: string): ApiKeyInfo | null {
      const row = byId.get(id) as KeyRow | undefined;
      return row ? toKey(row) : null;
    },

    listKeys(): ApiKeyInfo[] {
      return (db.prepare(`${KEY_SELECT} ORDER BY k.created_at`).all() as KeyRow[]).map(toKey);
    },

    /** True when some admin holds a key that is not revoked. */
    hasActiveAdminKey(): boolean {
      return db.prepare(`${KEY_SELECT} WHERE p.role = 'admin' AND k.revoked_at IS NULL LIMIT 1`).get() !== undefined;
    },

    touchKey(id: string, at: Date): void {
      touch.run(at.toISOString(), id);
    },

    /** Revokes the key and ends its sessions, in one step. */
    revokeKey(id: string): void {
      db.transaction(() => {
        db.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(
          new Date().toISOString(),
          id,
        );
        db.prepare("DELETE FROM sessions WHERE key_id = ?").run(id);
      })();
    },

    /** Records made before principals existed become the given principal's. */
    adoptUnowned(principalId: string): void {
      db.transaction(() => {
        for (const table of OWNED_TABLES) {
          // The default image stays shared: it belongs to no one.
          const shared = table === "images" ? " AND id <> 'default'" : "";
          db.prepare(`UPDATE ${table} SET owner_id = ? WHERE owner_id IS NULL${shared}`).run(principalId);
        }
      })();
    },

    insertSession(session: { idHash: string; keyId: string; expiresAt: Date }): void {
      db.prepare("INSERT INTO sessions (id_hash, key_id, created_at, expires_at) VALUES (?, ?, ?, ?)").run(
        session.idHash,
        session.keyId,
        new Date().toISOString(),
        session.expiresAt.toISOString(),
      );
    },

    /** The key of a live session, or null. */
    sessionKeyId(idHash: string, now: Date): string | null {
      const row = sessionKey.get(idHash, now.toISOString()) as { key_id: string } | undefined;
      return row?.key_id ?? null;
    },

    deleteSession(idHash: string): void {
      db.prepare("DELETE FROM sessions WHERE id_hash = ?").run(idHash);
    },
  };
}

export type PrincipalStore = ReturnType<typeof createPrincipalStore>;
