/**
 * API keys and who a request acts as. Keys are random (32 bytes) and only their SHA-256 is kept
 * (a key has all the entropy a slow hash would add; the lookup stays one indexed read). On first
 * start an admin key is written to DATA_DIR/admin.key (mode 0600) so that local use needs no
 * set-up, in the spirit of Jupyter's token. Browsers trade a key for a session cookie; revoking a
 * key ends its sessions and tells listeners, so open sockets and streams close too.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ServiceError } from "../../domain/errors.js";
import { type Actor, type ApiKeyInfo, type AuthPolicy, type Quotas, ROLES, type Role } from "../../domain/principal.js";
import type { Logger } from "../../logger.js";
import type { PrincipalStore } from "../../store/principal-store.js";

/** The name of the principal made on first start, whose key is in admin.key. */
export const LOCAL_ADMIN = "admin";
export const ADMIN_KEY_FILE = "admin.key";
const KEY_PREFIX = "mde_";
const SESSION_DAYS = 7;
/** last_used_at is written at most this often per key, so a busy key does not write on every request. */
const TOUCH_EVERY_MS = 10_000;
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export interface CreateKeyRequest {
  name: string;
  role?: Role | null;
  /** Whether its runs may use the network; default: admins may, users may not. */
  network?: boolean | null;
  quotas?: Partial<Quotas> | null;
}

export interface AuthServiceDeps {
  store: PrincipalStore;
  policy: AuthPolicy;
  dataDir: string;
  logger: Logger;
}

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function createAuthService({ store, policy, dataDir, logger }: AuthServiceDeps) {
  const revokedListeners = new Set<(keyId: string) => void>();
  const lastTouched = new Map<string, number>();
  /** The local admin's principal, read at bootstrap (it is never renamed or removed). */
  let localAdmin: { id: string } | null = null;

  function actorOf(key: ApiKeyInfo): Actor {
    return {
      principalId: key.principalId,
      name: key.name,
      role: key.role,
      keyId: key.id,
      network: key.network ?? key.role === "admin",
      quotas: { ...policy.quotas[key.role], ...key.quotas },
    };
  }

  async function liveKey(key: ApiKeyInfo | null): Promise<ApiKeyInfo | null> {
    if (!key || key.revokedAt) return null;
    const now = Date.now();
    if (now - (lastTouched.get(key.id) ?? 0) >= TOUCH_EVERY_MS) {
      lastTouched.set(key.id, now);
      await store.touchKey(key.id, new Date(now));
    }
    return key;
  }

  async function createKey(request: CreateKeyRequest): Promise<{ key: ApiKeyInfo; token: string }> {
    const role = request.role ?? "user";
    if (!KEY_NAME.test(request.name)) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `name ${JSON.stringify(request.name)}: give 1 to 64 letters, digits and . _ @ -, starting with a letter or digit.`,
      );
    }
    if (!ROLES.includes(role)) throw new ServiceError("BAD_USER_INPUT", `role: give one of ${ROLES.join(", ")}.`);
    for (const [name, value] of Object.entries(request.quotas ?? {})) {
      if (value !== null && (!Number.isInteger(value) || value < 0)) {
        throw new ServiceError("BAD_USER_INPUT", `quotas.${name} must be a whole number from 0; got ${value}.`);
      }
    }
    // Made unless it exists, in one step: two keys at once for a new name make one principal.
    const principal = await store.ensurePrincipal({
      id: randomUUID(),
      name: request.name,
      role,
      createdAt: new Date(),
    });
    if (principal.role !== role) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `name ${request.name} is a principal with role ${principal.role}; its keys have that role.`,
      );
    }
    const token = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
    const id = randomUUID();
    await store.insertKey({
      id,
      principalId: principal.id,
      hash: hashOf(token),
      network: request.network ?? null,
      quotas: request.quotas ?? {},
    });
    return { key: (await store.keyById(id)) as ApiKeyInfo, token };
  }

  return {
    enabled: policy.enabled,

    /**
     * First start: when no admin holds a live key, makes one, writes it to DATA_DIR/admin.key
     * (0600), and gives the admin everything recorded before keys existed.
     */
    async bootstrap(): Promise<void> {
      if (!(await store.hasActiveAdminKey())) {
        const { key, token } = await createKey({ name: LOCAL_ADMIN, role: "admin" });
        const file = join(dataDir, ADMIN_KEY_FILE);
        writeFileSync(file, `${token}\n`, { mode: 0o600 });
        await store.adoptUnowned(key.principalId);
        logger.info(`created an admin API key; it is in ${file} (readable by this user only)`);
      }
      localAdmin = await store.principalByName(LOCAL_ADMIN);
    },

    /** The caller behind a bearer key, or null for a missing, wrong or revoked one. */
    async authenticate(token: string | null | undefined): Promise<Actor | null> {
      if (!token) return null;
      const key = await liveKey(await store.keyByHash(hashOf(token)));
      return key ? actorOf(key) : null;
    },

    /** MCP stdio and AUTH=off act as the first admin. */
    localAdmin(): Actor {
      if (!localAdmin) throw new Error("no local admin: bootstrap() has not run");
      return {
        principalId: localAdmin.id,
        name: LOCAL_ADMIN,
        role: "admin",
        keyId: null,
        network: true,
        quotas: policy.quotas.admin,
      };
    },

    createKey,
    listKeys: (): Promise<ApiKeyInfo[]> => store.listKeys(),

    /** Revokes a key: it stops working at once, its sessions end, and its open streams are closed. */
    async revokeKey(id: string): Promise<ApiKeyInfo> {
      const key = await store.keyById(id);
      if (!key) throw new ServiceError("NOT_FOUND", `id ${id} names no API key.`);
      await store.revokeKey(id);
      for (const listener of revokedListeners) listener(id);
      return (await store.keyById(id)) as ApiKeyInfo;
    },

    /** Calls `listener` with the id of each key revoked from now on; returns a function that stops it. */
    onRevoked(listener: (keyId: string) => void): () => void {
      revokedListeners.add(listener);
      return () => revokedListeners.delete(listener);
    },

    /** Trades a key for a browser session; null when the key is not valid. */
    async startSession(token: string): Promise<{ sessionId: string; actor: Actor; maxAgeSeconds: number } | null> {
      const key = await liveKey(await store.keyByHash(hashOf(token)));
      if (!key) return null;
      const sessionId = randomBytes(32).toString("base64url");
      const maxAgeSeconds = SESSION_DAYS * 24 * 3600;
      await store.insertSession({
        idHash: hashOf(sessionId),
        keyId: key.id,
        expiresAt: new Date(Date.now() + maxAgeSeconds * 1000),
      });
      return { sessionId, actor: actorOf(key), maxAgeSeconds };
    },

    /** The caller behind a session cookie, or null. */
    async sessionActor(sessionId: string | null | undefined): Promise<Actor | null> {
      if (!sessionId) return null;
      const keyId = await store.sessionKeyId(hashOf(sessionId), new Date());
      const key = keyId ? await liveKey(await store.keyById(keyId)) : null;
      return key ? actorOf(key) : null;
    },

    endSession: (sessionId: string): Promise<void> => store.deleteSession(hashOf(sessionId)),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
