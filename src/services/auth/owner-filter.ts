/** Which principal's records a list shows: a user only ever its own; an admin everyone's, or one principal's. */
import { type Actor, isAdmin } from "../../domain/principal.js";

export function ownerFilter(actor: Actor, principalId: string | null | undefined): string | null {
  return isAdmin(actor) ? (principalId ?? null) : actor.principalId;
}
