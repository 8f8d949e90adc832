/** What every resolver gets: the services and who is calling, nothing of the transport. */
import type { Actor } from "./domain/principal.js";
import type { Services } from "./services/index.js";

export interface AppContext {
  services: Services;
  /** The caller, from its API key or session (the local admin with AUTH=off). */
  actor: Actor;
}
