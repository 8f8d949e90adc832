/**
 * Resolves the limits of one execution: omitted fields take the server's defaults; a malformed
 * value is BAD_USER_INPUT, and a value above the server's maximum is LIMIT_EXCEEDED, never lowered.
 */
import { ServiceError } from "../../domain/errors.js";
import type { ExecutionPolicy, Limits, LimitsRequest } from "../../domain/limits.js";

const WHOLE: (keyof Omit<Limits, "network" | "cpus">)[] = ["timeoutMs", "memoryMb", "pids", "outputLimitBytes"];
/** Below this Docker refuses to start a container. */
const MIN_MEMORY_MB = 6;

export function resolveLimits(request: LimitsRequest | null | undefined, policy: ExecutionPolicy): Limits {
  const limits: Limits = { ...policy.defaults };
  for (const field of WHOLE) {
    const value = request?.[field];
    if (value === undefined || value === null) continue;
    const min = field === "memoryMb" ? MIN_MEMORY_MB : 1;
    const max = policy.maxima[field];
    if (!Number.isInteger(value) || value < min) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `limits.${field} must be a whole number from ${min} to ${max}; got ${value}.`,
      );
    }
    if (value > max) {
      throw new ServiceError("LIMIT_EXCEEDED", `limits.${field} is at most ${max} on this server; got ${value}.`);
    }
    limits[field] = value;
  }
  const cpus = request?.cpus;
  if (cpus !== undefined && cpus !== null) {
    if (!Number.isFinite(cpus) || cpus < 0.01) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `limits.cpus must be a number from 0.01 to ${policy.maxima.cpus}; got ${cpus}.`,
      );
    }
    if (cpus > policy.maxima.cpus) {
      throw new ServiceError(
        "LIMIT_EXCEEDED",
        `limits.cpus is at most ${policy.maxima.cpus} on this server; got ${cpus}.`,
      );
    }
    limits.cpus = cpus;
  }
  const network = request?.network;
  if (network !== undefined && network !== null) {
    if (network && !policy.networkAllowed) {
      throw new ServiceError("LIMIT_EXCEEDED", "limits.network: this server does not allow network access.");
    }
    limits.network = network;
  }
  return limits;
}
