/**
 * Who calls: principals (a name and a role) hold API keys, and every request acts as the
 * principal of the key it came with. What a caller may do follows from the role, and from the
 * key's own network permission and quota overrides.
 */
export const ROLES = ["admin", "user"] as const;
export type Role = (typeof ROLES)[number];

/** Limits on what one principal may have or do; null means no limit. */
export interface Quotas {
  /** Executions running or queued at once. */
  executionsAtOnce: number | null;
  /** Executions started in one window (a minute by default). */
  executionsPerMinute: number | null;
  /** Bytes of stored files. */
  fileBytes: number | null;
  /** Custom images. */
  images: number | null;
  /** Image builds and package installs at once. */
  jobsAtOnce: number | null;
}

export const QUOTA_NAMES: Record<keyof Quotas, string> = {
  executionsAtOnce: "executions at once",
  executionsPerMinute: "executions per minute",
  fileBytes: "bytes of stored files",
  images: "custom images",
  jobsAtOnce: "builds or installs at once",
};

/** The server's settings for callers: whether keys are needed, and each role's quotas. */
export interface AuthPolicy {
  /** AUTH=off: every request acts as the local admin (loopback only). */
  enabled: boolean;
  /** Configured quotas of each role (null fields: no limit). */
  quotas: Record<Role, Quotas>;
  /** The window of the per-minute quota, in milliseconds. */
  quotaWindowMs: number;
}

export interface ApiKeyInfo {
  id: string;
  principalId: string;
  name: string;
  role: Role;
  /** Whether runs with this key may use the network; null: the role's default. */
  network: boolean | null;
  /** This key's own quotas, over the configured ones for its role. */
  quotas: Partial<Quotas>;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The caller of one request: a principal, through one key, with what that key allows. */
export interface Actor {
  principalId: string;
  name: string;
  role: Role;
  /** The key it came with; null for the local admin of MCP stdio and of AUTH=off. */
  keyId: string | null;
  /** Whether its runs may use the network. */
  network: boolean;
  quotas: Quotas;
}

export const isAdmin = (actor: Actor): boolean => actor.role === "admin";

/**
 * The record when the actor may see it (its own, a shared one with no owner such as the default
 * image, or any for an admin); otherwise null, exactly as for a record that does not exist.
 */
export function visibleTo<T extends { ownerId: string | null }>(actor: Actor, record: T | null): T | null {
  if (!record) return null;
  return isAdmin(actor) || record.ownerId === null || record.ownerId === actor.principalId ? record : null;
}
