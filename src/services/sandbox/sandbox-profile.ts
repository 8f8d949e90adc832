/**
 * The container profile of a run: the same function serves the cold path and the pool, so a
 * pooled container and a cold one for the same image and limits are created identically. A
 * pool keeps containers per profile, so per runtime too. A container carries no execution id (a pooled one is
 * made before its run); the execution service keeps that mapping itself.
 */
import type { SandboxProfile } from "../../domain/engine.js";
import { CONTAINER_RUNTIMES, type Isolation } from "../../domain/isolation.js";
import type { ExecutionPolicy, Limits } from "../../domain/limits.js";

export function sandboxProfile(
  dockerImage: string,
  isolation: Isolation,
  limits: Pick<Limits, "memoryMb" | "cpus" | "pids" | "network">,
  policy: ExecutionPolicy,
): SandboxProfile {
  return {
    image: dockerImage,
    runtime: CONTAINER_RUNTIMES[isolation],
    resources: { memoryMb: limits.memoryMb, cpus: limits.cpus, pids: limits.pids, network: limits.network },
    // RLIMIT_NPROC counts every process of the sandbox uid on the host, across all sandboxes.
    processesPerUser: policy.maxima.pids * policy.maxConcurrency,
  };
}
