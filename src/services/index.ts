/** The service layer that GraphQL resolvers, the CLI and MCP all call. */
import type { Config } from "../config.js";
import type { Docker } from "../docker/docker-client.js";
import { createDockerEngine } from "../docker/docker-engine.js";
import { DEFAULT_IMAGE_ID } from "../domain/image.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics/index.js";
import { createBlobStore } from "../store/blob-store.js";
import type { Database } from "../store/database.js";
import { createExecutionStore } from "../store/execution-store.js";
import { createFileStore } from "../store/file-store.js";
import { createImageStore } from "../store/image-store.js";
import { createPrincipalStore } from "../store/principal-store.js";
import { type AuthService, createAuthService } from "./auth/auth-service.js";
import { createExecutionService, type ExecutionService } from "./executions/index.js";
import { createFileService, type FileService } from "./files/file-service.js";
import { createHealthService, type HealthService } from "./health/health-service.js";
import { createServerResources } from "./health/server-resources.js";
import { createSandboxImageService, type SandboxImageService } from "./images/assembly/sandbox-image-service.js";
import { createImageBuilds, type ImageBuilds } from "./images/image-builds.js";
import { createImageCatalog, type ImageCatalog } from "./images/image-catalog.js";
import { createInstallQueue } from "./images/install-queue.js";
import { createJobLog } from "./images/job-log.js";
import { createPackageInstalls, type PackageInstalls } from "./images/package-installs.js";
import { createLogNotifier } from "./lib/log-follower.js";
import { createOwnerCounter } from "./lib/owner-counter.js";
import { createRetentionService, type RetentionService } from "./retention/retention-service.js";
import { createContainerRuntimes } from "./sandbox/container-runtimes.js";
import { createResidentCompiler } from "./sandbox/resident-compiler.js";
import { createRuntimeService, type RuntimeService } from "./sandbox/runtime-service.js";
import { createSandboxPool } from "./sandbox/sandbox-pool.js";
import { sandboxProfile } from "./sandbox/sandbox-profile.js";

export interface Services {
  /** API keys, sessions, and who a request acts as. */
  auth: AuthService;
  health: HealthService;
  runtimes: RuntimeService;
  sandboxImage: SandboxImageService;
  /** Image records: list, look up, remove, and the image a run uses. */
  images: ImageCatalog;
  builds: ImageBuilds;
  installs: PackageInstalls;
  files: FileService;
  executions: ExecutionService;
  /** Deleting executions, and pruning old history and files (RETAIN_*). */
  retention: RetentionService;
}

/**
 * The composition root of the services: the only place that builds the engine (Docker's, the
 * one implementation of src/domain/engine.ts) and hands each service the part of it it needs.
 */
export function createServices(
  docker: Docker,
  database: Database,
  config: Config,
  logger: Logger,
  metrics: Metrics,
): Services {
  const { db } = database;
  const engine = createDockerEngine(docker, { dataDir: config.dataDir, logger });
  const notifier = createLogNotifier();
  const imageStore = createImageStore(db);
  const jobLog = createJobLog(imageStore, notifier, logger);
  const queue = createInstallQueue();
  const jobs = createOwnerCounter();
  const pool = createSandboxPool({
    containers: engine.containers,
    policy: config.pool,
    pinnedProfile: async () => {
      const image = await imageStore.getImage(DEFAULT_IMAGE_ID);
      if (image?.status !== "READY" || !image.dockerImageId) return null;
      return sandboxProfile(
        image.dockerImageId,
        config.executions.defaultIsolation,
        config.executions.defaults,
        config.executions,
      );
    },
    logger,
    observer: metrics.pool.observer,
  });
  metrics.pool.readIdle(pool.idleCount);
  const compiler = createResidentCompiler({
    containers: engine.containers,
    idleMs: config.compilerIdleMs,
    logger,
  });
  /** A Docker image that was replaced or removed: its warm containers go (before the image can). */
  const retireSandboxes = async (dockerImageId: string) => {
    await Promise.all([pool.retire(dockerImageId), compiler.retire(dockerImageId)]);
  };
  const images = createImageCatalog({
    images: engine.images,
    engine: engine.info,
    sandboxImage: config.sandboxImage,
    store: imageStore,
    installing: queue.busy,
    changed: jobLog.touch,
    retireSandboxes,
    logger,
  });
  const files = createFileService({
    store: createFileStore(db),
    blobs: createBlobStore(config.dataDir),
    maxFileBytes: config.maxFileBytes,
  });
  const executionStore = createExecutionStore(db);
  const containerRuntimes = createContainerRuntimes(engine.info);
  const runtimes = createRuntimeService({ engine, defaultImage: config.sandboxImage });
  const executions = createExecutionService({
    containers: engine.containers,
    store: executionStore,
    notifier,
    images,
    files,
    runtimes,
    containerRuntimes,
    currentDockerImage: images.currentDockerImage,
    policy: config.executions,
    quotaWindowMs: config.auth.quotaWindowMs,
    pool,
    compiler,
    collectUsage: config.collectUsage,
    logger,
    observer: metrics.executions.observer,
  });
  metrics.executions.readLoad(executions.load);
  const usage = createServerResources({ engine: engine.info, dataDir: config.dataDir, load: executions.load, logger });
  metrics.disk.readUsage(usage.current);
  return {
    auth: createAuthService({
      store: createPrincipalStore(db),
      policy: config.auth,
      dataDir: config.dataDir,
      logger,
    }),
    health: createHealthService(engine.info, usage, containerRuntimes),
    runtimes,
    sandboxImage: createSandboxImageService(engine.images, config),
    images,
    builds: createImageBuilds({
      images: engine.images,
      engine: engine.info,
      config,
      store: imageStore,
      catalog: images,
      log: jobLog,
      jobs,
      logger,
      observer: metrics.jobs.observer,
    }),
    installs: createPackageInstalls({
      engine,
      policy: config.packages,
      store: imageStore,
      catalog: images,
      queue,
      log: jobLog,
      jobs,
      retireSandboxes,
      logger,
      observer: metrics.jobs.observer,
    }),
    files,
    executions,
    retention: createRetentionService({
      policy: config.retention,
      executions: executionStore,
      isLive: executions.isLive,
      files,
      reclaimSpace: database.reclaimSpace,
      logger,
    }),
  };
}
