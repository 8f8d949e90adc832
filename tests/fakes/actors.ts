/** Callers for unit tests: an admin and a user with no quotas in the way unless a test sets some. */
import type { Actor, Quotas } from "../../src/domain/principal.js";

const NO_QUOTAS: Quotas = {
  executionsAtOnce: null,
  executionsPerMinute: null,
  fileBytes: null,
  images: null,
  jobsAtOnce: null,
};

export function testActor(role: Actor["role"], patch: Partial<Actor> = {}): Actor {
  return {
    principalId: `${role}-principal`,
    name: role,
    role,
    keyId: null,
    network: role === "admin",
    quotas: NO_QUOTAS,
    ...patch,
  };
}
