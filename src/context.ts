/** What every resolver gets: the services, nothing of the transport. */
import type { Services } from "./services/index.js";

export interface AppContext {
  services: Services;
}
