/** Refuses what would take a principal past one of its quotas, saying the limit and the use. */
import { ServiceError } from "../../domain/errors.js";
import { type Actor, QUOTA_NAMES, type Quotas } from "../../domain/principal.js";

/** Throws QUOTA_EXCEEDED when `inUse + adding` would pass the actor's `quota`; nothing is started. */
export function requireWithinQuota(actor: Actor, quota: keyof Quotas, inUse: number, adding = 1): void {
  const limit = actor.quotas[quota];
  if (limit === null || inUse + adding <= limit) return;
  throw quotaExceeded(actor, quota, inUse, adding);
}

/** The QUOTA_EXCEEDED of a write the quota refused: the limit, what the actor has, and what it asked for. */
export function quotaExceeded(actor: Actor, quota: keyof Quotas, inUse: number, adding = 1): ServiceError {
  const asking = adding === 1 ? "" : `, and this asks for ${adding} more`;
  return new ServiceError(
    "QUOTA_EXCEEDED",
    `quota of ${QUOTA_NAMES[quota]} used up: ${actor.name} may have ${actor.quotas[quota]}, and has ${inUse}${asking}.`,
  );
}
