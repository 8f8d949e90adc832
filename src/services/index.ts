/** The service layer that GraphQL resolvers, the CLI and MCP all call. */
import type { Config } from "../config.js";
import type { Docker } from "../docker/docker-client.js";
import { createHealthService, type HealthService } from "./health-service.js";
import { createRuntimeService, type RuntimeService } from "./runtime-service.js";
import { createSandboxImageService, type SandboxImageService } from "./sandbox-image-service.js";

export interface Services {
  health: HealthService;
  runtimes: RuntimeService;
  sandboxImage: SandboxImageService;
}

export function createServices(docker: Docker, config: Config): Services {
  return {
    health: createHealthService(docker),
    runtimes: createRuntimeService(docker, config.sandboxImage),
    sandboxImage: createSandboxImageService(docker, config),
  };
}
