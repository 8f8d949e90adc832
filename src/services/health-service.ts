/** Health: the service's version and uptime, and whether its Docker engine answers. */
import { type Docker, type DockerStatus, probeDocker } from "../docker/docker-client.js";
import { VERSION } from "../version.js";

export interface HealthReport {
  ok: boolean;
  version: string;
  uptimeSeconds: number;
  docker: DockerStatus;
}

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
