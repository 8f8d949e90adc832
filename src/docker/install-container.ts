/**
 * Installs packages into an image: runs the in-image installer (image/bin/sandbox-install) as
 * root in a container of the image, with the network on and the package cache volume mounted, and
 * commits the result as a new layer only when it succeeded. The committed image keeps the image's
 * own user, working directory, command and environment: nothing of the install leaks into it.
 */
import type { Logger } from "../logger.js";
import { runContainer } from "./container-run.js";
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";
import { ownershipLabels } from "./labels.js";
import { createLineSplitter } from "./line-splitter.js";

/** Docker volume that keeps the managers' download caches between installs (one per cache owner). */
export const PACKAGE_CACHE_VOLUME = "mcp-executor-package-cache";

/**
 * The cache volume of one owner's installs: a package's install script runs as root in the
 * install container and can write into the cache, so a cache is never shared between principals.
 */
export function packageCacheVolume(cacheOwner: string): string {
  return `${PACKAGE_CACHE_VOLUME}-${cacheOwner}`;
}

export interface InstallRequest {
  /** The Docker image to install into. */
  image: string;
  /** The installer's argv, e.g. ["sandbox-install", "NPM", "lodash@4.17.21"]. */
  command: string[];
  /** Settings for this install only (registry addresses); never committed. */
  env: string[];
  network: "bridge" | "host";
  timeoutMs: number;
  labels: Record<string, string>;
  /** Each line of the installer's output, as it comes. */
  onLine: (line: string) => void;
  /** Where the committed image is tagged. */
  commitTo: { repo: string; tag: string };
  /** Whose download cache the install uses (see packageCacheVolume). */
  cacheOwner: string;
  /** Aborting stops the installer; nothing is committed. */
  signal: AbortSignal;
  logger: Logger;
}

/** The installer failed or was stopped; the image is left as it was. */
export class InstallFailedError extends Error {
  constructor(
    message: string,
    readonly cancelled = false,
  ) {
    super(message);
  }
}

/** Resolves with the new Docker image id; throws InstallFailedError when the installer fails. */
export async function installIntoImage(docker: Docker, request: InstallRequest): Promise<string> {
  const original = await withDocker(() => docker.getImage(request.image).inspect());
  const lines = createLineSplitter(request.onLine);
  const result = await runContainer(docker, {
    create: {
      Image: request.image,
      Cmd: request.command,
      Entrypoint: [],
      User: "0:0",
      Env: [...(original.Config.Env ?? []), "HOME=/root", ...request.env],
      Labels: ownershipLabels("install", request.labels),
      HostConfig: {
        NetworkMode: request.network,
        SecurityOpt: ["no-new-privileges"],
        Binds: [`${packageCacheVolume(request.cacheOwner)}:/var/cache/mcp-executor`],
        LogConfig: { Type: "none", Config: {} },
        Memory: 4096 * 1024 * 1024,
        PidsLimit: 1024,
      },
    },
    // stdout and stderr interleave in one log, as a terminal would show them.
    onOutput: (_stream, chunk) => lines.push(chunk),
    timeoutMs: request.timeoutMs,
    signal: request.signal,
    logger: request.logger,
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
