/**
 * The executions facade on the real store (SQLite in a temporary folder) and the fake engine
 * (tests/fakes), whose programs run until the test ends them: runs, cancels, detaching followers,
 * shutdown, the quota under concurrent requests, and recovery after a crash.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testActor } from "../../../tests/fakes/actors.js";
import { storedExecution } from "../../../tests/fakes/executions.js";
import { createFakeEngine, type FakeEngine } from "../../../tests/fakes/fake-engine.js";
import { fakePlanDeps, TEST_POLICY } from "../../../tests/fakes/plan-deps.js";
import { useTempDatabase } from "../../../tests/fakes/temp-database.js";
import type { ExecutionEvent } from "../../domain/execution.js";
import type { Actor } from "../../domain/principal.js";
import { createLogger } from "../../logger.js";
import { createExecutionStore, type ExecutionStore } from "../../store/execution-store.js";
import { createLogNotifier } from "../lib/log-follower.js";
import { createSandboxPool } from "../sandbox/sandbox-pool.js";
import { sandboxProfile } from "../sandbox/sandbox-profile.js";
import { createExecutionService, type ExecutionService } from "./index.js";

const admin = testActor("admin");
const python = { language: "PYTHON" as const, code: "print(1)" };

describe("executions", () => {
  const temp = useTempDatabase("executions");
  let store: ExecutionStore;
  let engine: FakeEngine;
  let executions: ExecutionService;
  let pool: ReturnType<typeof createSandboxPool>;

  function service(poolSize = 0): ExecutionService {
    const logger = createLogger("error");
    pool = createSandboxPool({
      containers: engine.containers,
      policy: { size: poolSize, recentProfiles: 0, maxIdleMs: 60_000 },
      pinnedProfile: async () => sandboxProfile("sha256:1", "STANDARD", TEST_POLICY.defaults, TEST_POLICY),
      logger,
    });
    return createExecutionService({
      ...fakePlanDeps(),
      containers: engine.containers,
      store,
      notifier: createLogNotifier(),
      pool,
      compiler: { compile: async () => null, close: async () => {} },
      currentDockerImage: async () => null,
      quotaWindowMs: 60_000,
      collectUsage: false,
      logger,
    });
  }

  beforeEach(async () => {
    store = createExecutionStore(temp.database.db);
    engine = createFakeEngine();
    executions = service();
  });
  afterEach(async () => {
    await executions.shutdown();
  });

  const events = async (id: string) =>
    (await store.eventsAfter(id, 0)).map((event) =>
      event.kind === "LOG" ? `${event.seq} ${event.data}` : `${event.seq} ${event.status}`,
    );

  it("runs a program to its end: output streamed as numbered events, the record final", async () => {
    const started = await executions.execute(admin, { ...python, wait: false });
    const run = await engine.started(0);
    expect(run.request?.files[0]).toEqual({ name: "main.py", content: "print(1)" });
    run.write("stdout", "one\n");
    run.write("stderr", "two\n");
    run.exit(0);
    const done = await (await executions.follow(admin, started.id, { onDetach: "keep" })).wait();
    expect(done).toMatchObject({ status: "SUCCEEDED", exitCode: 0, stdout: "one\n", stderr: "two\n" });
    expect(await events(started.id)).toEqual(["1 QUEUED", "2 RUNNING", "3 one\n", "4 two\n", "5 SUCCEEDED"]);
    expect(executions.isLive(started.id)).toBe(false);
    expect(run.removed).toBe(true);
  });

  it("cancels a running execution (its container is killed) and a queued one (it never starts)", async () => {
    const running = await Promise.all(
      Array.from({ length: TEST_POLICY.maxConcurrency }, () => executions.execute(admin, { ...python, wait: false })),
    );
    const queued = await executions.execute(admin, { ...python, wait: false });
    await engine.started(TEST_POLICY.maxConcurrency - 1);
    expect(executions.load()).toEqual({ queued: 1, running: TEST_POLICY.maxConcurrency });
    expect((await executions.cancel(admin, queued.id)).status).toBe("CANCELLED");
    expect(await events(queued.id)).toEqual(["1 QUEUED", "2 CANCELLED"]);
    expect((await executions.cancel(admin, running[0]?.id as string)).status).toBe("CANCELLED");
    expect(engine.runs[0]?.killed).toBe(true);
    expect(engine.runs).toHaveLength(TEST_POLICY.maxConcurrency);
  });

  it("a follower that leaves keeps the run going, or cancels it, as it chose", async () => {
    const kept = await executions.execute(admin, { ...python, wait: false });
    const keeper = await executions.follow(admin, kept.id, { onDetach: "keep" });
    expect(((await keeper.next()).value as ExecutionEvent).seq).toBe(1);
    await keeper.return();
    const cancelled = await executions.execute(admin, { ...python, wait: false });
    const leaver = await executions.follow(admin, cancelled.id, { onDetach: "cancel" });
    // Leaving before the first event is read still applies the choice.
    await leaver.return();
    expect((await leaver.wait()).status).toBe("CANCELLED");
    expect((await executions.get(admin, kept.id))?.status).toMatch(/QUEUED|RUNNING/);
    (await engine.started(0)).exit(0);
    expect((await (await executions.follow(admin, kept.id, { onDetach: "keep" })).wait()).status).toBe("SUCCEEDED");
  });

  it("admits exactly N of N+1 concurrent requests at a quota of N executions at once", async () => {
    const user: Actor = testActor("user", {
      quotas: { ...admin.quotas, executionsAtOnce: 2 },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 3 }, () => executions.execute(user, { ...python, wait: false })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: { code: "QUOTA_EXCEEDED" },
    });
    expect(
      (await store.page({ first: 10, afterPosition: null, status: null, language: null, ownerId: null })).items,
    ).toHaveLength(2);
    // A place comes back when a run ends.
    (await engine.started(0)).exit(0);
    const first = (results[0] as PromiseFulfilledResult<{ id: string }>).value.id;
    await (await executions.follow(user, first, { onDetach: "keep" })).wait();
    await expect(executions.execute(user, { ...python, wait: false })).resolves.toMatchObject({ status: "QUEUED" });
  });

  it("a shutdown ends what runs as ERROR, saying so, and waits until its containers are gone", async () => {
    const started = await executions.execute(admin, { ...python, wait: false });
    const run = await engine.started(0);
    await executions.shutdown();
    expect(run.killed && run.removed).toBe(true);
    expect(await store.get(started.id)).toMatchObject({
      status: "ERROR",
      error: "server stopped while the execution ran",
    });
  });

  it("recovers after a crash: unfinished records end ERROR, and leftover containers go while pooled ones stay", async () => {
    const status = (executionId: string, seq: number, status: "QUEUED" | "RUNNING" | "SUCCEEDED") =>
      ({ kind: "STATUS", executionId, seq, at: new Date(0), status }) as const;
    await store.insert(
      storedExecution({ id: "was-running", status: "RUNNING", exitCode: null }),
      status("was-running", 1, "QUEUED"),
    );
    await store.appendEvent(status("was-running", 2, "RUNNING"));
    await store.insert(storedExecution({ id: "was-done", status: "SUCCEEDED" }), status("was-done", 1, "SUCCEEDED"));
    engine.leftovers.add("left-by-crash");
    await executions.shutdown();
    executions = service(1);
    executions.warmPool();
    while (pool.idleCount() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    engine.leftovers.add((engine.pooled[0] as { id: string }).id);
    await executions.recover();
    expect(await store.get("was-running")).toMatchObject({ status: "ERROR", error: "server restarted" });
    expect(await events("was-running")).toEqual(["1 QUEUED", "2 RUNNING", "3 ERROR"]);
    expect((await store.get("was-done"))?.status).toBe("SUCCEEDED");
    expect(engine.removedContainers).toEqual(["left-by-crash"]);
  });
});
