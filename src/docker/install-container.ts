/**
 * Installs packages into an image: runs the in-image installer (image/bin/sandbox-install) as
 * root in a container of the image, with the network on and the image's package cache volume
 * mounted, and commits the result as a new layer only when it succeeded. The committed image keeps
 * the image's own user, working directory, command and environment: nothing of the install leaks
 * into it.
 *
 * The container is hardened like a sandbox where the managers allow it: every capability dropped
 * but the few its manager needs (see PackageManagerDefinition.installCapabilities), no privilege
 * gain, memory, processes, CPU and time limited, no log file. Install-time scripts (npm lifecycle
 * scripts, apt maintainer scripts, pip builds from source) run inside it, as root, with those limits.
 */
import { InstallFailedError, type InstallRequest } from "../domain/engine.js";
import type { Logger } from "../logger.js";
import { runContainer } from "./container-run.js";
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";
import { ownershipLabels } from "./labels.js";
import { createLineSplitter } from "./line-splitter.js";

/** Docker volumes that keep the managers' download caches between installs (one per image lineage). */
export const PACKAGE_CACHE_VOLUME = "mcp-executor-package-cache";

/**
 * The cache volume of one image's installs (all its layers, one lineage). A package's install
 * script runs as root in the install container and can write into the cache, so a cache is never
 * shared between images: a poisoned entry reaches no other image, and no other principal.
 */
export function packageCacheVolume(lineage: string): string {
  return `${PACKAGE_CACHE_VOLUME}-${lineage}`;
}

/** Removes an image lineage's cache volume, once the image is gone; a missing one is fine. */
export async function removePackageCache(docker: Docker, lineage: string): Promise<void> {
  await withDocker(() => docker.getVolume(packageCacheVolume(lineage)).remove()).catch((error: unknown) => {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  });
}

/** What an install container may use; installs of large packages (NuGet restores, apt) need room. */
const INSTALL_MEMORY_BYTES = 4096 * 1024 * 1024;
const INSTALL_PIDS = 1024;
const INSTALL_NANO_CPUS = 2e9;

export interface InstallOptions {
  labels: Record<string, string>;
  logger: Logger;
}

/** Resolves with the new Docker image id; throws InstallFailedError when the installer fails. */
export async function installIntoImage(
  docker: Docker,
  request: InstallRequest,
  options: InstallOptions,
): Promise<string> {
  const original = await withDocker(() => docker.getImage(request.image).inspect());
  const lines = createLineSplitter(request.onLine);
  const cache = packageCacheVolume(request.cacheLineage);
  // Made here, labelled, rather than implicitly by the bind: a sweep can then tell it is ours.
  await withDocker(() => docker.createVolume({ Name: cache, Labels: options.labels }));
  const result = await runContainer(docker, {
    create: {
      Image: request.image,
      Cmd: request.command,
      Entrypoint: [],
      User: "0:0",
      Env: [...(original.Config.Env ?? []), "HOME=/root", ...request.env],
      Labels: ownershipLabels("install", options.labels),
      HostConfig: {
        NetworkMode: request.network,
        CapDrop: ["ALL"],
        CapAdd: [...request.capabilities],
        SecurityOpt: ["no-new-privileges"],
        Binds: [`${cache}:/var/cache/mcp-executor`],
        LogConfig: { Type: "none", Config: {} },
        Memory: INSTALL_MEMORY_BYTES,
        MemorySwap: INSTALL_MEMORY_BYTES,
        PidsLimit: INSTALL_PIDS,
        NanoCpus: INSTALL_NANO_CPUS,
      },
    },
    // stdout and stderr interleave in one log, as a terminal would show them.
    onOutput: (_stream, chunk) => lines.push(chunk),
    timeoutMs: request.timeoutMs,
    signal: request.signal,
    logger: options.logger,
    afterExit: async (container, exit) => {
      lines.end();
      if (exit.cancelled) throw new InstallFailedError("the install was cancelled", true);
      if (exit.timedOut) {
        throw new InstallFailedError(`the install took longer than ${request.timeoutMs} ms and was stopped`);
      }
      if (exit.exitCode !== 0) throw new InstallFailedError(`the package manager exited with code ${exit.exitCode}`);
      const committed = (await container.commit({
        _query: { container: container.id, repo: request.commitTo.repo, tag: request.commitTo.tag },
        _body: {
          Env: original.Config.Env,
          User: original.Config.User,
          WorkingDir: original.Config.WorkingDir,
          Cmd: original.Config.Cmd,
          Entrypoint: original.Config.Entrypoint,
          Labels: original.Config.Labels,
        },
      })) as { Id: string };
      return committed.Id;
    },
  });
  if (result.cancelled) throw new InstallFailedError("the install was cancelled", true);
  return result.after as string;
}
