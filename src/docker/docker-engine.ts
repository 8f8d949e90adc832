/**
 * The Docker implementation of the engine boundary (src/domain/engine.ts): the services' one way
 * to the engine. It labels every container it creates as this data folder's (so a start-up sweep
 * finds what a crash left), writes a run's files into the tar its runner reads, with a fresh nonce
 * for the runner's records, and removes containers off the request's path.
 */
import { randomBytes } from "node:crypto";
import type { ContainerUsageReader, LiveContainer, SandboxEngine } from "../domain/engine.js";
import type { Logger } from "../logger.js";
import { AttachedContainer } from "./attached-container.js";
import { createUsageReader } from "./cgroup-usage.js";
import { isAlreadyGone } from "./container-errors.js";
import { createContainerReaper } from "./container-reaper.js";
import { listOwnedContainers, removeContainer } from "./containers.js";
import { dockerDiskUsage } from "./disk-usage.js";
import { type Docker, probeDocker } from "./docker-client.js";
import { engineGoesAway, isEngineGone } from "./engine-restart.js";
import { engineRuntimes } from "./engine-runtimes.js";
import { buildImage } from "./image-build.js";
import { findImage, importRootfs, removeImage, tryPullImage } from "./images.js";
import { installIntoImage, removePackageCache } from "./install-container.js";
import { ownershipLabels, STORE_LABEL, storeLabelValue } from "./labels.js";
import { startResidentContainer } from "./resident-container.js";
import { runToCompletion } from "./run-to-completion.js";
import { runInSandbox, startPooledSandbox } from "./sandbox-container.js";
import { createWorkspaceArchive } from "./workspace-archive.js";

export interface DockerEngineOptions {
  /** The data folder whose containers this engine makes and sweeps. */
  dataDir: string;
  logger: Logger;
}

/** A warm container is one this engine started: the run attaches to it through its own stream. */
function ownWarm(warm: LiveContainer | undefined): AttachedContainer | undefined {
  if (warm === undefined || warm instanceof AttachedContainer) return warm;
  throw new Error(`container ${warm.id} was not started by this Docker engine`);
}

export function createDockerEngine(docker: Docker, { dataDir, logger }: DockerEngineOptions): SandboxEngine {
  const store = { [STORE_LABEL]: storeLabelValue(dataDir) };
  const reaper = createContainerReaper(docker, logger);
  let usageReaderMade: Promise<ContainerUsageReader> | null = null;
  const usageReader = () => {
    usageReaderMade ??= createUsageReader(docker);
    return usageReaderMade;
  };

  return {
    containers: {
      async runSandbox(request) {
        const nonce = randomBytes(16).toString("hex");
        const archive = await createWorkspaceArchive(request.files, {
          argv: request.argv,
          stdin: request.stdin,
          tmpFiles: request.tmpFiles,
          nonce,
          reportUsage: request.reportUsage,
        });
        return runInSandbox(docker, request, {
          archive,
          nonce,
          warm: ownWarm(request.warm),
          labels: ownershipLabels("execution", store),
          reaper,
          usageReader: request.reportUsage ? await usageReader() : undefined,
          logger,
        });
      },
      startPooledSandbox: (profile) => startPooledSandbox(docker, profile, ownershipLabels("execution", store)),
      startResident: (profile) => startResidentContainer(docker, profile, ownershipLabels("compiler", store)),
      runProbe: (request) => runToCompletion(docker, request, { labels: store, logger }),
      install: (request) => installIntoImage(docker, request, { labels: store, logger }),
      usageReader,
      reap: (containerId) => reaper.remove(containerId),
      reaped: () => reaper.settled(),
      listOwned: async () => (await listOwnedContainers(docker, store)).map((container) => container.id),
      remove: (containerId) => removeContainer(docker, containerId),
    },
    images: {
      find: (reference) => findImage(docker, reference),
      remove: (reference, force) => removeImage(docker, reference, force),
      pull: (reference, onLine) => tryPullImage(docker, reference, onLine),
      importRootfs: (rootfs, reference) => importRootfs(docker, rootfs, reference),
      build: (request) => buildImage(docker, request),
      removePackageCache: (lineage) => removePackageCache(docker, lineage),
    },
    info: {
      probe: () => probeDocker(docker),
      runtimes: () => engineRuntimes(docker),
      diskUsage: () => dockerDiskUsage(docker),
      goesAway: () => engineGoesAway(docker),
      isGone: isEngineGone,
      isAlreadyGone,
    },
  };
}
