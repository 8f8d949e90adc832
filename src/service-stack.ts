/**
 * The service stack without a transport: config → Docker client → store → services, with their
 * start (sweeps, the default image) and stop. The HTTP server (app.ts) and the MCP stdio mode
 * both run on it, so both see the same data folder and Docker engine.
 */
import type { Config } from "./config.js";
import { createDockerClient, probeDocker } from "./docker/docker-client.js";
import type { Logger } from "./logger.js";
import { createServices, type Services } from "./services/index.js";
import { claimDataDir } from "./store/data-dir-owner.js";
import { openDatabase } from "./store/database.js";

export interface ServiceStack {
  services: Services;
  /**
   * Ends what a stopped server left (only as the data folder's owner); when Docker answers, builds
   * the default image if it is missing (and configured to) and reads its runtimes.
   */
  start(): Promise<void>;
  /** Stops live executions and installs (no container is left) and closes the store. */
  stop(): Promise<void>;
}

export function createServiceStack(config: Config, logger: Logger): ServiceStack {
  const docker = createDockerClient();
  const db = openDatabase(config.dataDir);
  const services = createServices(docker, db, config, logger);
  let releaseDataDir: (() => void) | null = null;

  async function sweep(dockerReachable: boolean): Promise<void> {
    services.auth.bootstrap();
    services.images.recordDefault();
    releaseDataDir = claimDataDir(config.dataDir);
    if (!releaseDataDir) {
      logger.info(`another live process owns ${config.dataDir}; leaving its executions and containers alone`);
      return;
    }
    services.images.recover();
    services.installs.recover();
    await services.files.sweep();
    // Without Docker only the store's part of the sweep runs; the containers wait for a start with Docker.
    await services.executions.recover().catch((error) => {
      if (dockerReachable) throw error;
    });
  }

  return {
    services,
    async start() {
      const status = await probeDocker(docker);
      await sweep(status.reachable);
      if (!status.reachable) {
        logger.warn(`Docker is not reachable: ${status.error}. Serving anyway; runs fail with DOCKER_UNAVAILABLE.`);
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
    },
    async stop() {
      await services.executions.shutdown();
      await services.installs.shutdown();
      await services.builds.shutdown();
      db.close();
      releaseDataDir?.();
    },
  };
}
