/** The plan's dependencies for unit tests: a small policy, one image with Python and Bash, two stored files. */
import { ServiceError } from "../../src/domain/errors.js";
import type { ExecutionPolicy } from "../../src/domain/limits.js";
import type { StoredFile } from "../../src/domain/stored-file.js";
import type { PlanDeps } from "../../src/services/executions/execution-plan.js";
import { testActor } from "./actors.js";

export const TEST_POLICY: ExecutionPolicy = {
  defaultIsolation: "STANDARD",
  defaults: { timeoutMs: 10_000, memoryMb: 256, cpus: 1, pids: 128, network: false, outputLimitBytes: 1024 },
  maxima: { timeoutMs: 60_000, memoryMb: 1024, cpus: 2, pids: 512, outputLimitBytes: 4096 },
  networkAllowed: false,
  maxCodeBytes: 100,
  maxConcurrency: 2,
  maxQueued: 10,
};

const file = (id: string, name: string): StoredFile => ({
  id,
  ownerId: testActor("user").principalId,
  name,
  language: null,
  sizeBytes: 1,
  sha256: id,
  createdAt: new Date(0),
});

/** Fakes behind the plan's narrow interfaces: one image with Python and Bash, two stored files. */
export function fakePlanDeps(policy: ExecutionPolicy = TEST_POLICY): PlanDeps {
  return {
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
      require: async (_actor, id, field) => {
        const files: Record<string, StoredFile> = { a: file("a", "helper.py"), b: file("b", "main.py") };
        const found = files[id];
        if (!found) throw new ServiceError("NOT_FOUND", `${field} ${id} names no stored file.`);
        return found;
      },
      content: async (stored) => Buffer.from(`# ${stored.name}`),
    },
  };
}
