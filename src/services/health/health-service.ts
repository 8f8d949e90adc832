/**
 * Health: the service's version and uptime, and whether its Docker engine answers; for admins, what
 * it holds and does now (see resource-usage.ts).
 */
import type { EngineInfo } from "../../domain/engine.js";
import type { HealthReport, ServerResources } from "../../domain/health.js";
import { VERSION } from "../../version.js";
import type { ContainerRuntimes } from "../sandbox/container-runtimes.js";
import type { ServerResourcesService } from "./server-resources.js";

export interface HealthService {
  report(): Promise<HealthReport>;
  /** Executions queued and running, and the disk figures as last measured; never waits for a measurement. */
  resources(): ServerResources;
}

export function createHealthService(
  engine: Pick<EngineInfo, "probe">,
  usage: ServerResourcesService,
  containerRuntimes: Pick<ContainerRuntimes, "list">,
  startedAt = performance.now(),
): HealthService {
  return {
    async report() {
      const status = await engine.probe();
      return {
        ok: status.reachable,
        version: VERSION,
        uptimeSeconds: (performance.now() - startedAt) / 1000,
        docker: status,
        containerRuntimes: status.reachable ? await containerRuntimes.list() : [],
      };
    },
    resources: () => usage.current(),
  };
}
