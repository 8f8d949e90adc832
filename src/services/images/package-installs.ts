/**
 * Package installs into images: validated against the manager's grammar, queued one at a time
 * per image, run by the in-image installer in an install container, and committed as a new layer
 * only when the manager succeeded. The log can be followed and resumed; a cancel stops the
 * installer (or drops a queued install) and leaves the image as it was.
 */
import { randomUUID } from "node:crypto";
import { InstallFailedError, type SandboxEngine } from "../../domain/engine.js";
import { messageOf, ServiceError } from "../../domain/errors.js";
import { type InstalledPackage, isFinalJobStatus, type LogLine, type PackageInstallation } from "../../domain/image.js";
import type { InstallPackagesRequest } from "../../domain/image-inputs.js";
import type { PackagePolicy } from "../../domain/package-policy.js";
import { type Actor, isAdmin, visibleTo } from "../../domain/principal.js";
import { managerById } from "../../languages/index.js";
import type { Logger } from "../../logger.js";
import type { JobObserver } from "../../metrics/index.js";
import type { ImageStore } from "../../store/image-store.js";
import { requireWithinQuota } from "../auth/quota-check.js";
import type { OwnerCounter } from "../lib/owner-counter.js";
import type { ImageCatalog } from "./image-catalog.js";
import type { InstallQueue } from "./install-queue.js";
import type { JobLog } from "./job-log.js";
import { validatePackageSpecs } from "./package-specs.js";

export interface PackageInstallsDeps {
  engine: SandboxEngine;
  policy: PackagePolicy;
  store: ImageStore;
  catalog: ImageCatalog;
  queue: InstallQueue;
  log: JobLog;
  /** Builds and installs going on per principal, shared with the builds. */
  jobs: OwnerCounter;
  /** Removes the pooled sandboxes (and compile servers) of the image an install replaced. */
  retireSandboxes(dockerImageId: string): Promise<void>;
  logger: Logger;
  /** Told how each install ended and how long it ran (the metrics). */
  observer?: JobObserver;
}

/** Why an install was aborted. */
type AbortReason = "cancelled" | "shutdown";

/** An install queued or running here. */
interface LiveInstall {
  abort: AbortController;
  /** Whether its run has begun; until then a cancel records it CANCELLED itself. */
  started: boolean;
  done: Promise<void>;
  /** Counts it out of its owner's jobs (once). */
  counted: () => void;
  /** The cancel of it while it was queued, which a second cancel waits for too. */
  cancelledWhileQueued?: Promise<void>;
}

export function createPackageInstalls(deps: PackageInstallsDeps) {
  const { engine, policy, store, catalog, queue, log, logger } = deps;
  /** Installs queued or running here. */
  const live = new Map<string, LiveInstall>();

  /** The installation, when the actor may see it (its own, or any for an admin); otherwise NOT_FOUND. */
  async function requireInstallation(actor: Actor, id: string): Promise<PackageInstallation> {
    const installation = visibleTo(actor, await store.getInstallation(id));
    if (!installation) {
      throw new ServiceError("NOT_FOUND", `id ${id} names no package installation.`);
    }
    return installation;
  }

  /** When each running install started (performance.now()), for its duration. */
  const runningSince = new Map<string, number>();

  /** Records the outcome, after every line of the log: a follower that sees the outcome has them all. */
  async function finish(
    installation: PackageInstallation,
    status: PackageInstallation["status"],
    error: string | null,
  ) {
    await log.flush(installation.id);
    await store.finishInstallation(installation.id, status, error);
    log.touch(installation.id);
    const since = runningSince.get(installation.id);
    runningSince.delete(installation.id);
    deps.observer?.installFinished(
      installation.manager,
      status,
      since === undefined ? null : performance.now() - since,
    );
  }

  async function install(installation: PackageInstallation, entry: LiveInstall): Promise<void> {
    const { signal } = entry.abort;
    // Cancelled while queued (cancel recorded it), or shutdown (the next start's sweep marks it FAILED).
    if (signal.aborted) return;
    // Before anything is awaited: a cancel from now on waits for this run instead of recording it.
    entry.started = true;
    runningSince.set(installation.id, performance.now());
    await store.finishInstallation(installation.id, "RUNNING", null);
    log.touch(installation.id);
    const { manager } = managerById(installation.manager);
    const installed: InstalledPackage[] = [];
    const write = log.writer(installation.id);
    try {
      const current = await catalog.requireReadyNow(installation.imageId);
      const [repo, tag] = splitTag(current.dockerTag);
      const registry = policy.registries[installation.manager];
      const dockerImageId = await engine.containers.install({
        image: current.dockerImageId as string,
        command: ["sandbox-install", installation.manager, ...installation.packages],
        env: registry ? manager.registryEnv(registry) : [],
        network: policy.network,
        timeoutMs: policy.timeoutMs,
        commitTo: { repo, tag },
        cacheLineage: current.id,
        capabilities: manager.installCapabilities,
        signal,
        onLine: (line) => {
          const report = manager.parseInstalled(line);
          if (report) installed.push({ manager: manager.id, ...report, installedAt: new Date() });
          write(line);
        },
      });
      const found = await engine.images.find(dockerImageId);
      await store.recordPackages(installation.imageId, installed);
      await store.updateImage(installation.imageId, { dockerImageId, sizeBytes: found?.sizeBytes ?? null });
      if (current.dockerImageId && current.dockerImageId !== dockerImageId) {
        await deps.retireSandboxes(current.dockerImageId);
        await retire(current.dockerImageId, installation.imageId);
      }
      await finish(installation, "SUCCEEDED", null);
    } catch (error) {
      if (signal.reason === ("shutdown" satisfies AbortReason)) {
        runningSince.delete(installation.id);
        // The store closes after this: no line may still be on its way.
        await log.flush(installation.id);
        return;
      }
      if (error instanceof InstallFailedError && error.cancelled) {
        await log.append(installation.id, "install cancelled");
        await finish(installation, "CANCELLED", null);
        return;
      }
      const message = messageOf(error);
      const managerSaid = lastMeaningfulLines(await log.text(installation.id));
      if (!(error instanceof InstallFailedError)) logger.warn("package install failed", { error: message });
      await log.append(installation.id, `install failed: ${message}`);
      await finish(installation, "FAILED", managerSaid ? `${message}: ${managerSaid}` : message);
    }
  }

  /** The image's previous Docker image goes, unless a container still uses it. */
  async function retire(dockerImageId: string, imageId: string): Promise<void> {
    try {
      await engine.images.remove(dockerImageId);
    } catch (error) {
      // In use by a running execution (409) or already gone (404): Docker keeps or has dropped it; both are fine.
      if (!engine.info.isAlreadyGone(error)) {
        logger.warn("could not remove an image's previous Docker image", {
          imageId,
          dockerImageId,
          error: String(error),
        });
      }
    }
  }

  return {
    async installPackages(actor: Actor, request: InstallPackagesRequest): Promise<PackageInstallation> {
      validatePackageSpecs(request.manager, request.packages);
      // Checked first: it depends on the key alone, so it says nothing about any image.
      if (!actor.network) {
        throw new ServiceError(
          "FORBIDDEN",
          "installs download packages, and their install scripts run with the network: this API key may not use the network.",
        );
      }
      const image = await catalog.requireReadyFor(actor, request.imageId);
      if (image.ownerId === null && !isAdmin(actor)) {
        throw new ServiceError(
          "FORBIDDEN",
          `imageId ${image.id}: the default image is shared; only an admin may install into it.`,
        );
      }
      requireWithinQuota(actor, "jobsAtOnce", deps.jobs.count(actor.principalId));
      // From the check to the place below nothing is awaited: two installs at once cannot both take the last place.
      const { manager, language } = managerById(request.manager);
      if (!manager.servesEveryImage && !image.languages.includes(language.id)) {
        throw new ServiceError(
          "BAD_USER_INPUT",
          `manager ${request.manager} needs ${language.id}, and image ${image.name} has ${image.languages.join(", ")}.`,
        );
      }
      const installation: PackageInstallation = {
        id: randomUUID(),
        ownerId: actor.principalId,
        imageId: image.id,
        manager: request.manager,
        packages: [...request.packages],
        status: "QUEUED",
        error: null,
        startedAt: new Date(),
        finishedAt: null,
      };
      const counted = deps.jobs.start(actor.principalId);
      try {
        await store.insertInstallation(installation);
      } catch (error) {
        counted();
        throw error;
      }
      const entry: LiveInstall = { abort: new AbortController(), started: false, done: Promise.resolve(), counted };
      entry.done = queue
        .enqueue(image.id, () => install(installation, entry))
        .finally(() => {
          live.delete(installation.id);
          counted();
        });
      live.set(installation.id, entry);
      if (request.wait ?? true) await entry.done;
      return requireInstallation(actor, installation.id);
    },

    get: async (actor: Actor, id: string): Promise<PackageInstallation | null> =>
      visibleTo(actor, await store.getInstallation(id)),

    /** Stops an install, queued or running; the image stays as it was. A finished one is returned as it is. */
    async cancel(actor: Actor, id: string): Promise<PackageInstallation> {
      const installation = await requireInstallation(actor, id);
      const entry = live.get(id);
      if (!entry) return installation;
      entry.abort.abort("cancelled" satisfies AbortReason);
      // A queued install (one that never started: once aborted it never will) ends now, and stops
      // counting against its owner's quota: it must not wait for the installs ahead of it.
      if (entry.started) await entry.done;
      else {
        entry.cancelledWhileQueued ??= finish(installation, "CANCELLED", null).finally(entry.counted);
        await entry.cancelledWhileQueued;
      }
      return requireInstallation(actor, id);
    },

    logText: (id: string): Promise<string> => log.text(id),

    /** Installation output after `afterSeq`, then live lines, then the final line with the outcome. */
    async follow(actor: Actor, id: string, afterSeq = 0): Promise<AsyncIterableIterator<LogLine>> {
      await requireInstallation(actor, id);
      return log.follow(id, afterSeq, async () => {
        const installation = await store.getInstallation(id);
        if (!installation) return { status: "FAILED", error: "the installation was removed with its image" };
        return isFinalJobStatus(installation.status)
          ? { status: installation.status, error: installation.error }
          : null;
      });
    },

    /** Start-up sweep: installs that a stopped server never finished are marked FAILED. */
    async recover(): Promise<void> {
      for (const installation of await store.installationsUnfinished()) {
        await store.finishInstallation(installation.id, "FAILED", "server restarted");
      }
    },

    /**
     * Stops this process's installs (images stay as they were; queued ones never start); the store
     * is about to close, and the next start marks them FAILED.
     */
    async shutdown(): Promise<void> {
      // Aborting kills each running installer; the container-run primitive removes its container.
      for (const entry of live.values()) entry.abort.abort("shutdown" satisfies AbortReason);
      await queue.settled();
    },
  };
}

export type PackageInstalls = ReturnType<typeof createPackageInstalls>;

function splitTag(reference: string): [string, string] {
  const colon = reference.lastIndexOf(":");
  return [reference.slice(0, colon), reference.slice(colon + 1)];
}

/** The manager's own last words, for `error`: the last few non-empty lines of its output. */
function lastMeaningfulLines(text: string): string {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("install failed:"))
    .slice(-5)
    .join("\n");
}
