/** Keys and the first start, with the real store (SQLite in a temporary folder). */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { storedExecution } from "../../../tests/fakes/executions.js";
import { useTempDatabase } from "../../../tests/fakes/temp-database.js";
import { createLogger } from "../../logger.js";
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
  const temp = useTempDatabase("auth");

  const service = () =>
    createAuthService({
      store: createPrincipalStore(temp.database.db),
      policy: {
        enabled: true,
        quotas: { admin: NO_LIMITS, user: { ...NO_LIMITS, executionsAtOnce: 4 } },
        quotaWindowMs: 60_000,
      },
      dataDir: temp.dataDir,
      logger: createLogger("error"),
    });

  it("on first start writes an admin key (mode 0600) and gives it what was recorded before keys existed", async () => {
    const executions = createExecutionStore(temp.database.db);
    const before = storedExecution({ id: "before-keys" });
    await executions.insert(before, {
      kind: "STATUS",
      executionId: before.id,
      seq: 1,
      at: new Date(0),
      status: "QUEUED",
    });
    const auth = service();
    await auth.bootstrap();
    const file = join(temp.dataDir, "admin.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const admin = await auth.authenticate(readFileSync(file, "utf8").trim());
    expect(admin).toMatchObject({ name: "admin", role: "admin", network: true });
    expect((await executions.get("before-keys"))?.ownerId).toBe(admin?.principalId);
    expect(auth.localAdmin().principalId).toBe(admin?.principalId);
    await auth.bootstrap();
    expect(await auth.listKeys()).toHaveLength(1);
  });

  it("keeps only a key's hash, takes it back once revoked, and applies the role's quotas under the key's own", async () => {
    const auth = service();
    const { key, token } = await auth.createKey({ name: "agent", quotas: { jobsAtOnce: 2 } });
    expect(token).toMatch(/^mde_[\w-]{43}$/);
    expect(JSON.stringify(await temp.database.db.selectFrom("api_keys").selectAll().execute())).not.toContain(token);
    expect(await auth.authenticate(token)).toMatchObject({
      role: "user",
      network: false,
      quotas: { executionsAtOnce: 4, jobsAtOnce: 2 },
    });
    const closed: string[] = [];
    auth.onRevoked((id) => closed.push(id));
    const session = await auth.startSession(token);
    await auth.revokeKey(key.id);
    expect(await auth.authenticate(token)).toBeNull();
    expect(await auth.sessionActor(session?.sessionId)).toBeNull();
    expect(closed).toEqual([key.id]);
  });
});
