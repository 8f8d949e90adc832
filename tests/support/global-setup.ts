/**
 * Runs once before the suite: the Docker engine must answer (a missing engine is a failure, never a
 * skip), and the default image is built through the service when missing, so that no single test
 * carries the cold build. Afterwards, nothing labelled as ours may be left in the engine.
 */
import { loadConfig } from "../../src/config.js";
import { createDockerClient, probeDocker } from "../../src/docker/docker-client.js";
import { createDockerEngine } from "../../src/docker/docker-engine.js";
import { OWNER_LABEL, STORE_LABEL } from "../../src/docker/labels.js";
import { createLogger } from "../../src/logger.js";
import { createSandboxImageService } from "../../src/services/images/assembly/sandbox-image-service.js";

export async function setup(): Promise<void> {
  const docker = createDockerClient();
  const status = await probeDocker(docker);
  if (!status.reachable) {
    throw new Error(`The tests need a Docker engine: ${status.error}. Run scripts/ensure-docker.sh first.`);
  }
  const config = loadConfig();
  const { images } = createDockerEngine(docker, { dataDir: config.dataDir, logger: createLogger("warn") });
  const report = await createSandboxImageService(images, config).ensure({
    onLine: (line) => process.stderr.write(`[image] ${line}\n`),
  });
  process.stderr.write(`[image] ${report.tag} ready (${report.built ? "built now" : "already present"})\n`);
}

export async function teardown(): Promise<void> {
  const docker = createDockerClient();
  // Download caches of the tests' data folders (those of removed images went with them).
  const { Volumes: volumes } = await docker.listVolumes({ filters: { label: [STORE_LABEL] } });
  await Promise.all(
    (volumes ?? []).map((volume) =>
      docker
        .getVolume(volume.Name)
        .remove()
        .catch(() => {}),
    ),
  );
  const leftovers = await docker.listContainers({ all: true, filters: { label: [OWNER_LABEL] } });
  if (leftovers.length > 0) {
    await Promise.all(leftovers.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    throw new Error(`${leftovers.length} labelled container(s) were left behind by the tests and have been removed.`);
  }
}
