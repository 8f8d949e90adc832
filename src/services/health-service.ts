/** Health: the service's version and uptime, and whether its Docker engine answers. */
import { type Docker, probeDocker } from "../docker/docker-client.js";
import type { HealthReport } from "../domain/health.js";
import { VERSION } from "../version.js";

export interface HealthService {
  report(): Promise<HealthReport>;
}

export function createHealthService(docker: Docker, startedAt = performance.now()): HealthService {
  return {
    async report() {
      const status = await probeDocker(docker);
      return {
        ok: status.reachable,
        version: VERSION,
        uptimeSeconds: (performance.now() - startedAt) / 1000,
        docker: status,
      };
    },
  };
}
