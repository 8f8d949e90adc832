/**
 * The service stack without a transport: config → Docker client → store → services, with their
 * start (sweeps, the default image) and stop. The HTTP server (app.ts) and the MCP stdio mode
 * both run on it; only the process holding the data folder's lock runs one (see data-dir-lock.ts).
 */
import type { Config } from "./config.js";
import {
  createDockerClient,
  type Docker,
  isDockerUnreachable,
  onDockerFailure,
  probeDocker,
} from "./docker/docker-client.js";
import type { Logger } from "./logger.js";
import { dockerErrorReason } from "./metrics/docker-errors.js";
import { createMetrics, type Metrics } from "./metrics/index.js";
import { createServices, type Services } from "./services/index.js";
import { takeDataDirLock } from "./store/data-dir-lock.js";
import { type Database, openDatabase } from "./store/database.js";

export interface ServiceStack {
  services: Services;
  /** This server's Prometheus registry and the metrics the services report into. */
  metrics: Metrics;
  /**
   * Ends what a stopped process left in the data folder and starts the pruner (when RETAIN_* says
   * so); when Docker answers, builds the default image if it is missing (and configured to) and
   * reads its runtimes.
   */
  start(): Promise<void>;
  /** Records the HTTP server's GraphQL URL beside the lock, for `mcp` stdio processes to reach it. */
  advertise(url: string): void;
  /** Stops live executions and installs (no container is left), closes the store and drops the lock. */
  stop(): Promise<void>;
}

/**
 * Takes the data folder's lock before anything opens the database (which it migrates to the latest
 * schema): throws DataDirHeldError when another live process holds it.
 */
export async function createServiceStack(config: Config, logger: Logger): Promise<ServiceStack> {
  const lock = takeDataDirLock(config.dataDir);
  const metrics = createMetrics();
  let docker: Docker;
  let database: Database | undefined;
  let services: Services;
  try {
    docker = createDockerClient();
    database = await openDatabase(config.dataDir);
    services = createServices(docker, database, config, logger, metrics);
  } catch (error) {
    await database?.close();
    lock.release();
    throw error;
  }
  const store = database;
  const stopCountingDockerFailures = onDockerFailure((error) =>
    metrics.dockerErrors.failed(dockerErrorReason(error, isDockerUnreachable(error))),
  );

  /**
   * This process holds the folder's lock, and held it before opening the store, so every unfinished
   * execution, build and install, and every container of this folder without a live execution here,
   * was left by a process that has ended: the sweep never touches another live process's work.
   */
  async function sweep(dockerReachable: boolean): Promise<void> {
    await services.auth.bootstrap();
    await services.images.recordDefault();
    await services.images.recover();
    await services.installs.recover();
    await services.files.sweep();
    // Without Docker only the store's part of the sweep runs; the containers wait for a start with Docker.
    await services.executions.recover().catch((error) => {
      if (dockerReachable) throw error;
    });
    // After the sweep, so that what a stopped process left is final before the pruner looks.
    services.retention.start();
  }

  return {
    services,
    metrics,
    async start() {
      const status = await probeDocker(docker);
      await sweep(status.reachable);
      // Reading the health detail starts its first disk measurements, in the background.
      services.health.resources();
      if (!status.reachable) {
        logger.warn(`Docker is not reachable: ${status.error}. Serving anyway; runs fail with DOCKER_UNAVAILABLE.`);
        await services.images.defaultUnreachable(`Docker is not reachable: ${status.error}`);
        return;
      }
      logger.info(`Docker engine ${status.serverVersion}`);
      if (config.buildImageOnStart) {
        const image = await services.sandboxImage.ensure({ onLine: (line) => logger.info(`[image] ${line}`) });
        logger.info(
          `sandbox image ${image.tag} ${image.imageId.slice(7, 19)}, ${(image.sizeBytes / 1e6).toFixed(0)} MB`,
        );
        const runtimes = await services.runtimes.defaultImageRuntimes();
        logger.info(`runtimes: ${runtimes.map((runtime) => `${runtime.language} ${runtime.version}`).join(", ")}`);
      }
      await services.images.refreshDefault();
      services.executions.warmPool();
    },
    advertise: (url) => lock.advertise(url),
    async stop() {
      try {
        await services.retention.stop();
        await services.executions.shutdown();
        await services.installs.shutdown();
        await services.builds.shutdown();
        await store.close();
      } finally {
        stopCountingDockerFailures();
        // Whatever failed above, the folder must not stay held by a process that is stopping.
        lock.release();
      }
    },
  };
}
