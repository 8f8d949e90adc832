import { describe, expect, it } from "vitest";
import { testActor } from "../../../tests/fakes/actors.js";
import { fakePlanDeps, TEST_POLICY } from "../../../tests/fakes/plan-deps.js";
import type { ServiceError } from "../../domain/errors.js";
import { planExecution, type RunRequest } from "./execution-plan.js";

const policy = TEST_POLICY;
const user = testActor("user");
const deps = fakePlanDeps(policy);

const request = (patch: Partial<RunRequest> = {}): RunRequest => ({
  language: "PYTHON",
  code: "print(1)",
  sourceName: "main.py",
  fileId: null,
  ...patch,
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: ServiceError) => ({ code: error.code, message: error.message }),
  );

describe("planExecution", () => {
  it("plans a run: default limits, the source first, argv of the language then the args", async () => {
    const plan = await planExecution(user, request({ args: ["--x", "y z"], fileIds: ["a"] }), deps);
    expect(plan.limits).toEqual(policy.defaults);
    expect(plan.workspace.map((entry) => entry.name)).toEqual(["main.py", "helper.py"]);
    expect(plan.argv).toEqual(["python3", "-u", "main.py", "--x", "y z"]);
    expect(plan.image.id).toBe("default");
  });

  it.each([
    [{ code: "x".repeat(101) }, "LIMIT_EXCEEDED", "code is 101 bytes; this server accepts at most 100."],
    [{ stdin: "é".repeat(51) }, "LIMIT_EXCEEDED", "stdin is 102 bytes; this server accepts at most 100."],
    [{ args: ["ok", "a\0b"] }, "BAD_USER_INPUT", "args[1] must not contain a NUL character."],
    [{ limits: { memoryMb: 2048 } }, "LIMIT_EXCEEDED", "limits.memoryMb is at most 1024 on this server; got 2048."],
    [{ limits: { network: true } }, "LIMIT_EXCEEDED", "limits.network: this server does not allow network access."],
    [
      { fileIds: ["b"] },
      "BAD_USER_INPUT",
      "fileIds[0]: main.py is already in the working directory; give files distinct names.",
    ],
    [{ fileIds: ["nope"] }, "NOT_FOUND", "fileIds[0] nope names no stored file."],
    [{ fileIds: Array(101).fill("a") }, "BAD_USER_INPUT", "fileIds may name at most 100 files."],
    [{ language: "NODE" as const }, "BAD_USER_INPUT", "language NODE is not in image py-bash; it has PYTHON, BASH."],
    [{ imageId: "missing" }, "NOT_FOUND", "imageId missing names no image."],
  ])("refuses %j with %s", async (patch, code, message) => {
    expect(await refusal(planExecution(user, request(patch), deps))).toEqual({ code, message });
  });

  it("refuses the network to a key without the permission, once the server allows it", async () => {
    const open = { ...deps, policy: { ...policy, networkAllowed: true } };
    const asked = request({ limits: { network: true } });
    expect(await refusal(planExecution(user, asked, open))).toEqual({
      code: "FORBIDDEN",
      message: "limits.network: this API key may not use the network; ask an admin for a key with network permission.",
    });
    expect((await planExecution(testActor("admin"), asked, open)).limits.network).toBe(true);
  });
});
