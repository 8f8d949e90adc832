/**
 * `GET /metrics`: the Prometheus text format of this server's registry (see src/metrics). It needs
 * an admin key while AUTH is on, unless METRICS_AUTH=off opens it for a scraper on a private
 * network. A missing or wrong key gets 401 as everywhere (refuseUnauthenticated); a user key gets
 * 403 with FORBIDDEN, in the same JSON shape.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Actor, isAdmin } from "../domain/principal.js";
import { refuseUnauthenticated } from "./unauthenticated.js";

export const METRICS_PATH = "/metrics";

const FORBIDDEN_MESSAGE =
  "FORBIDDEN: /metrics needs an admin key (or METRICS_AUTH=off, for a scraper on a private network).";

export interface MetricsRoute {
  /** Whether a key is checked at all (METRICS_AUTH). */
  needsKey: boolean;
  /** The caller of this request, or null without a valid key. */
  actor(): Promise<Actor | null>;
  scrape(): Promise<{ contentType: string; body: string }>;
}

export async function answerMetrics(
  route: MetricsRoute,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (route.needsKey) {
    const actor = await route.actor();
    if (!actor) return refuseUnauthenticated(request, response);
    if (!isAdmin(actor)) {
      response.writeHead(403, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(JSON.stringify({ errors: [{ message: FORBIDDEN_MESSAGE, extensions: { code: "FORBIDDEN" } }] }));
      return;
    }
  }
  const { contentType, body } = await route.scrape();
  response.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
  response.end(body);
}
