import { describe, expect, it } from "vitest";
import { testActor } from "../../../tests/fakes/actors.js";
import { ServiceError } from "../../domain/errors.js";
import type { ExecutionPolicy } from "../../domain/limits.js";
import type { StoredFile } from "../../domain/stored-file.js";
import { type PlanDeps, planExecution, type RunRequest } from "./execution-plan.js";

const policy: ExecutionPolicy = {
  defaultIsolation: "STANDARD",
  defaults: { timeoutMs: 10_000, memoryMb: 256, cpus: 1, pids: 128, network: false, outputLimitBytes: 1024 },
  maxima: { timeoutMs: 60_000, memoryMb: 1024, cpus: 2, pids: 512, outputLimitBytes: 4096 },
  networkAllowed: false,
  maxCodeBytes: 100,
  maxConcurrency: 2,
  maxQueued: 10,
};

const user = testActor("user");

const file = (id: string, name: string): StoredFile => ({
  id,
  ownerId: user.principalId,
  name,
  language: null,
  sizeBytes: 1,
  sha256: id,
  createdAt: new Date(0),
});

/** Fakes behind the plan's narrow interfaces: one image with Python and Bash, two stored files. */
const deps: PlanDeps = {
  policy,
  images: {
    resolveRunnable: async (_actor, imageId) => {
      if (imageId === "missing") throw new ServiceError("NOT_FOUND", "imageId missing names no image.");
      return {
        id: imageId ?? "default",
        name: "py-bash",
        dockerImage: "sha256:1",
        languages: ["PYTHON", "BASH"],
        versions: null,
      };
    },
  },
  containerRuntimes: { requireFor: async () => {} },
  runtimes: {
    select: async (_image, language) => ({
      language: language.id,
      line: language.defaultVersion,
      version: `${language.defaultVersion}.0`,
      isDefault: true,
      fileExtension: language.fileExtension,
      packageManager: null,
    }),
  },
  files: {
    require: (_actor, id, field) => {
      const files: Record<string, StoredFile> = { a: file("a", "helper.py"), b: file("b", "main.py") };
      const found = files[id];
      if (!found) throw new ServiceError("NOT_FOUND", `${field} ${id} names no stored file.`);
      return found;
    },
    content: async (stored) => Buffer.from(`# ${stored.name}`),
  },
};

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
