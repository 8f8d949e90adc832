/**
 * The open `GET /health` for load balancers and the seed's clients: it needs no key, so it tells
 * only whether the service is up, its version and whether Docker answers. The GraphQL `health`
 * field, which needs a key, tells more.
 */
import type { ServerResponse } from "node:http";
import type { HealthService } from "../services/health/health-service.js";

export const HEALTH_PATH = "/health";

export async function answerHealth(health: HealthService, response: ServerResponse): Promise<void> {
  const report = await health.report();
  response.writeHead(report.ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(
    JSON.stringify({ ok: report.ok, version: report.version, docker: { reachable: report.docker.reachable } }),
  );
}
