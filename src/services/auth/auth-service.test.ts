/** Keys and the first start, with the real store (SQLite in a temporary folder). */
import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storedExecution } from "../../../tests/fakes/executions.js";
import { createLogger } from "../../logger.js";
import { type Db, openDatabase } from "../../store/database.js";
import { createExecutionStore } from "../../store/execution-store.js";
import { createPrincipalStore } from "../../store/principal-store.js";
import { createAuthService } from "./auth-service.js";

const NO_LIMITS = {
  executionsAtOnce: null,
  executionsPerMinute: null,
  fileBytes: null,
  images: null,
  jobsAtOnce: null,
};

describe("auth service", () => {
  let dataDir: string;
  let db: Db;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "auth-"));
    db = openDatabase(dataDir);
  });
  afterEach(async () => {
    db.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const service = () =>
    createAuthService({
      store: createPrincipalStore(db),
      policy: {
        enabled: true,
        quotas: { admin: NO_LIMITS, user: { ...NO_LIMITS, executionsAtOnce: 4 } },
        quotaWindowMs: 60_000,
      },
      dataDir,
      logger: createLogger("error"),
    });

  it("on first start writes an admin key (mode 0600) and gives it what was recorded before keys existed", () => {
    const executions = createExecutionStore(db);
    executions.insert(storedExecution({ id: "before-keys" }));
    const auth = service();
    auth.bootstrap();
    const file = join(dataDir, "admin.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const admin = auth.authenticate(readFileSync(file, "utf8").trim());
    expect(admin).toMatchObject({ name: "admin", role: "admin", network: true });
    expect(executions.get("before-keys")?.ownerId).toBe(admin?.principalId);
    auth.bootstrap();
    expect(auth.listKeys()).toHaveLength(1);
  });

  it("keeps only a key's hash, takes it back once revoked, and applies the role's quotas under the key's own", () => {
    const auth = service();
    const { key, token } = auth.createKey({ name: "agent", quotas: { jobsAtOnce: 2 } });
    expect(token).toMatch(/^mde_[\w-]{43}$/);
    expect(JSON.stringify(db.prepare("SELECT * FROM api_keys").all())).not.toContain(token);
    expect(auth.authenticate(token)).toMatchObject({
      role: "user",
      network: false,
      quotas: { executionsAtOnce: 4, jobsAtOnce: 2 },
    });
    const closed: string[] = [];
    auth.onRevoked((id) => closed.push(id));
    const session = auth.startSession(token);
    auth.revokeKey(key.id);
    expect(auth.authenticate(token)).toBeNull();
    expect(auth.sessionActor(session?.sessionId)).toBeNull();
    expect(closed).toEqual([key.id]);
  });
});
