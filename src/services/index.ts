/** The service layer that GraphQL resolvers, the CLI and MCP all call. */
import type { Config } from "../config.js";
import type { Docker } from "../docker/docker-client.js";
import { storeLabelValue } from "../docker/labels.js";
import type { Logger } from "../logger.js";
import type { Db } from "../store/database.js";
import { createExecutionStore } from "../store/execution-store.js";
import { createImageStore } from "../store/image-store.js";
import { createExecutionService, type ExecutionService } from "./execution-service.js";
import { createHealthService, type HealthService } from "./health-service.js";
import { createImageService, type ImageService } from "./image-service.js";
import { createLogNotifier } from "./log-follower.js";
import { createRuntimeService, type RuntimeService } from "./runtime-service.js";
import { createSandboxImageService, type SandboxImageService } from "./sandbox-image-service.js";

export interface Services {
  health: HealthService;
  runtimes: RuntimeService;
  sandboxImage: SandboxImageService;
  images: ImageService;
  executions: ExecutionService;
}

export function createServices(docker: Docker, db: Db, config: Config, logger: Logger): Services {
  const notifier = createLogNotifier();
  const storeLabel = storeLabelValue(config.dataDir);
  const images = createImageService({ docker, storeLabel, config, store: createImageStore(db), notifier, logger });
  return {
    health: createHealthService(docker),
    runtimes: createRuntimeService(docker, config.sandboxImage),
    sandboxImage: createSandboxImageService(docker, config),
    images,
    executions: createExecutionService({
      docker,
      store: createExecutionStore(db),
      notifier,
      images,
      policy: config.executions,
      storeLabel,
      logger,
    }),
  };
}
