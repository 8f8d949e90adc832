import { describe, expect, it } from "vitest";
import { testActor } from "../../../tests/fakes/actors.js";
import { fakePlanDeps, TEST_POLICY } from "../../../tests/fakes/plan-deps.js";
import type { ServiceError } from "../../domain/errors.js";
import type { Quotas } from "../../domain/principal.js";
import { createAdmission } from "./admission.js";
import type { RunRequest } from "./execution-plan.js";

const request: RunRequest = { language: "PYTHON", code: "print(1)", sourceName: "main.py", fileId: null };

const withQuotas = (quotas: Partial<Quotas>) =>
  testActor("user", {
    quotas: {
      executionsAtOnce: null,
      executionsPerMinute: null,
      fileBytes: null,
      images: null,
      jobsAtOnce: null,
      ...quotas,
    },
  });

function admission(options: { now?: () => number; gate?: { active: number; waiting: number } } = {}) {
  return createAdmission({
    ...fakePlanDeps(),
    gate: options.gate ?? { active: 0, waiting: 0 },
    quotaWindowMs: 60_000,
    now: options.now,
  });
}

const codeOf = (result: PromiseSettledResult<unknown>) =>
  result.status === "rejected" ? (result.reason as ServiceError).code : "ADMITTED";

describe("admission", () => {
  it("admits exactly N of N+1 concurrent requests at a quota of N executions at once", async () => {
    const actor = withQuotas({ executionsAtOnce: 3 });
    const admit = admission();
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => admit.admit(actor, request)));
    expect(results.map(codeOf).sort()).toEqual(["ADMITTED", "ADMITTED", "ADMITTED", "QUOTA_EXCEEDED"]);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as Error).message).toBe("quota of executions at once used up: user may have 3, and has 3.");
  });

  it("gives a place back once released, and only once", async () => {
    const actor = withQuotas({ executionsAtOnce: 1 });
    const admit = admission();
    const first = await admit.admit(actor, request);
    await expect(admit.admit(actor, request)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    first.release();
    first.release();
    const second = await admit.admit(actor, request);
    await expect(admit.admit(actor, request)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    second.release();
  });

  it("counts starts per minute over a sliding window", async () => {
    let now = 0;
    const actor = withQuotas({ executionsPerMinute: 2 });
    const admit = admission({ now: () => now });
    (await admit.admit(actor, request)).release();
    (await admit.admit(actor, request)).release();
    await expect(admit.admit(actor, request)).rejects.toMatchObject({
      code: "QUOTA_EXCEEDED",
      message: expect.stringContaining("per minute"),
    });
    now = 60_001;
    await expect(admit.admit(actor, request)).resolves.toBeDefined();
  });

  it("refuses when the server's queue is full, naming EXEC_MAX_QUEUED", async () => {
    const full = { active: TEST_POLICY.maxConcurrency, waiting: TEST_POLICY.maxQueued };
    await expect(admission({ gate: full }).admit(testActor("user"), request)).rejects.toMatchObject({
      code: "QUOTA_EXCEEDED",
      message: expect.stringContaining("EXEC_MAX_QUEUED"),
    });
  });

  it("holds no place for a request its plan refuses", async () => {
    const actor = withQuotas({ executionsAtOnce: 1 });
    const admit = admission();
    await expect(admit.admit(actor, { ...request, code: "x".repeat(1000) })).rejects.toMatchObject({
      code: "LIMIT_EXCEEDED",
    });
    const admitted = await admit.admit(actor, request);
    expect(admitted.execution).toMatchObject({ status: "QUEUED", language: "PYTHON", ownerId: actor.principalId });
    expect(admitted.plan.workspace[0]).toEqual({ name: "main.py", content: "print(1)" });
  });
});
