/** Execution records for tests that seed the store directly (no run, no Docker). */
import type { Execution } from "../../src/domain/execution.js";

export function storedExecution(patch: Partial<Execution> & { id: string }): Execution {
  return {
    ownerId: null,
    language: "BASH",
    runtimeVersion: "5.2.15",
    isolation: "STANDARD",
    status: "SUCCEEDED",
    imageId: "default",
    dockerImage: "sha256:x",
    fileId: null,
    code: "true",
    stdin: null,
    args: [],
    fileIds: [],
    limits: { timeoutMs: 1, memoryMb: 6, cpus: 1, pids: 1, network: false, outputLimitBytes: 1 },
    warnings: [],
    exitCode: 0,
    stdout: "",
    stderr: "",
    outputTruncated: false,
    error: null,
    createdAt: new Date(0),
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    usage: null,
    ...patch,
  };
}
