/**
 * Images: the default image and custom ones composed from the language recipes; package installs
 * into them, one at a time per image, each committed as a new layer only when it succeeded.
 * Builds and installs run in the background; their output is a log that can be followed live.
 */
import { randomUUID } from "node:crypto";
import type { Config } from "../config.js";
import { listOwnedContainers, removeContainer } from "../docker/containers.js";
import type { Docker } from "../docker/docker-client.js";
import { findImage, removeImage } from "../docker/images.js";
import { InstallFailedError, installIntoImage } from "../docker/install-container.js";
import { PROCESS_LABEL, PURPOSE_LABEL, STORE_LABEL } from "../docker/labels.js";
import { ServiceError } from "../domain/errors.js";
import type { Image, InstalledPackage, LogLine, PackageInstallation } from "../domain/image.js";
import { LANGUAGES, type LanguageId, languageById, type PackageManagerId } from "../languages/index.js";
import type { Logger } from "../logger.js";
import type { ImageStore } from "../store/image-store.js";
import { createConcurrencyGate } from "./concurrency-gate.js";
import { inRecipeOrder } from "./dockerfile.js";
import { buildLanguageImage } from "./language-image-build.js";
import { followLog, type LogNotifier } from "./log-follower.js";
import { validatePackageSpecs } from "./package-specs.js";

export const DEFAULT_IMAGE_ID = "default";
/** Docker repository of custom images, so that a user's name never clobbers someone else's tag. */
const CUSTOM_REPOSITORY_PREFIX = "mcp-executor-custom/";
/** Docker's rules for a repository name (path components), lower case; the tag is ours. */
const IMAGE_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const MAX_IMAGE_NAME = 100;
const INSTALLED_LINE = /^::installed (\S+) (\S*)$/;

/** The language a manager installs for (APT serves every image). */
const MANAGER_LANGUAGE: Record<PackageManagerId, LanguageId | null> = {
  PIP: "PYTHON",
  NPM: "NODE",
  NUGET: "CSHARP",
  APT: null,
};

export interface CreateImageRequest {
  name: string;
  languages: LanguageId[];
}

export interface InstallPackagesRequest {
  imageId: string;
  manager: PackageManagerId;
  packages: string[];
  wait?: boolean | null;
}

export interface RunnableImage {
  id: string;
  name: string;
  /** The Docker image id to run, pinned so that a concurrent install cannot swap it mid-run. */
  dockerImage: string;
  languages: LanguageId[];
}

export interface ImageServiceDeps {
  docker: Docker;
  /** Labels the install containers of this server's data folder (see docker/labels.ts). */
  storeLabel: string;
  config: Config;
  store: ImageStore;
  notifier: LogNotifier;
  logger: Logger;
}

export function createImageService(deps: ImageServiceDeps) {
  const { docker, config, store, notifier, logger } = deps;
  const builds = createConcurrencyGate(1);
  const neverAborted = new AbortController().signal;
  /** The tail of each image's install queue. */
  const installQueues = new Map<string, Promise<void>>();

  /** Set by shutdown: the store is about to close, so builds still running stop recording. */
  let stopping = false;
  /** Marks this process's install containers, so that shutdown removes its own and no one else's. */
  const processLabel = `${process.pid}-${randomUUID().slice(0, 8)}`;

  const appendLine = (jobId: string, line: string) => {
    if (stopping) return;
    store.appendLine(jobId, line);
    notifier.notify(jobId);
  };

  function requireImage(id: string): Image {
    const image = store.getImage(id);
    if (!image) throw new ServiceError("NOT_FOUND", `imageId ${id} names no image.`);
    return image;
  }

  function requireReady(id: string): Image {
    const image = requireImage(id);
    if (image.status !== "READY" || image.dockerImageId === null) {
      throw new ServiceError(
        "IMAGE_NOT_READY",
        `Image ${image.name} is ${image.status === "BUILDING" ? "still building" : `not usable (${image.error ?? image.status})`}.`,
      );
    }
    return image;
  }

  /**
   * The default image is built outside this service (at start, or by `npm run image:build`), so
   * its record follows whatever Docker image its tag names now.
   */
  async function refreshDefault(): Promise<void> {
    const found = await findImage(docker, `${config.sandboxImage}:latest`);
    const recorded = store.getImage(DEFAULT_IMAGE_ID)?.dockerImageId;
    // A Docker image we did not commit (a rebuild from the recipes) has none of the packages installed before.
    if (recorded && found && found.id !== recorded) store.forgetPackages(DEFAULT_IMAGE_ID);
    store.updateImage(DEFAULT_IMAGE_ID, {
      status: found ? "READY" : "FAILED",
      dockerImageId: found?.id ?? null,
      sizeBytes: found?.sizeBytes ?? null,
      error: found ? null : `image ${config.sandboxImage} is not built`,
    });
  }

  /** requireReady, after bringing the default image's record up to date. */
  async function requireReadyNow(id: string): Promise<Image> {
    if (id === DEFAULT_IMAGE_ID) await refreshDefault();
    return requireReady(id);
  }

  async function build(image: Image): Promise<void> {
    const release = await builds.acquire(neverAborted);
    try {
      appendLine(image.id, `building ${image.name} with ${image.languages.join(", ")}`);
      const dockerImageId = await buildLanguageImage(docker, config, {
        tag: image.dockerTag,
        languages: image.languages.map(languageById),
        contextName: image.id,
        onLine: (line) => appendLine(image.id, line),
      });
      const found = await findImage(docker, dockerImageId);
      // After shutdown the store is closed; the next start marks the build FAILED ("server restarted").
      if (stopping) return;
      store.updateImage(image.id, { status: "READY", dockerImageId, sizeBytes: found?.sizeBytes ?? null, error: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn("image build failed", { imageId: image.id, error: message });
      if (!stopping) store.updateImage(image.id, { status: "FAILED", error: message });
    } finally {
      release();
      notifier.notify(image.id);
    }
  }

  async function install(installation: PackageInstallation, image: Image): Promise<void> {
    // Installs still queued at shutdown never start; the next start marks them FAILED.
    if (stopping) return;
    const log = (line: string) => appendLine(installation.id, line);
    store.finishInstallation(installation.id, "RUNNING", null);
    notifier.notify(installation.id);
    const installed: InstalledPackage[] = [];
    try {
      const current = requireReady(image.id);
      const [repo, tag] = splitTag(current.dockerTag);
      const dockerImageId = await installIntoImage(docker, {
        image: current.dockerImageId as string,
        command: ["sandbox-install", installation.manager, ...installation.packages],
        env: registryEnv(config),
        network: config.packages.network,
        timeoutMs: config.packages.timeoutMs,
        labels: { [STORE_LABEL]: deps.storeLabel, [PROCESS_LABEL]: processLabel },
        commitTo: { repo, tag },
        onLine: (line) => {
          const match = INSTALLED_LINE.exec(line);
          if (match) {
            installed.push({
              manager: installation.manager,
              name: match[1] as string,
              version: match[2] || null,
              installedAt: new Date(),
            });
          }
          log(line);
        },
      });
      const found = await findImage(docker, dockerImageId);
      if (stopping) return;
      store.recordPackages(image.id, installed);
      store.updateImage(image.id, { dockerImageId, sizeBytes: found?.sizeBytes ?? null });
      // The previous Docker image goes unless a running execution still holds it.
      if (current.dockerImageId && current.dockerImageId !== dockerImageId) {
        await removeImage(docker, current.dockerImageId).catch(() => undefined);
      }
      store.finishInstallation(installation.id, "SUCCEEDED", null);
    } catch (error) {
      if (stopping) return;
      const message = error instanceof Error ? error.message : String(error);
      const managerSaid = lastMeaningfulLines(store.fullLog(installation.id));
      if (!(error instanceof InstallFailedError)) logger.warn("package install failed", { error: message });
      log(`install failed: ${message}`);
      store.finishInstallation(installation.id, "FAILED", managerSaid ? `${message}: ${managerSaid}` : message);
    } finally {
      notifier.notify(installation.id);
    }
  }

  return {
    /** Start-up: makes sure the default image has its record (built or not). */
    recordDefault(): void {
      if (store.getImage(DEFAULT_IMAGE_ID)) return;
      const now = new Date();
      store.insertImage({
        id: DEFAULT_IMAGE_ID,
        name: config.sandboxImage,
        languages: LANGUAGES.map((language) => language.id),
        status: "BUILDING",
        dockerTag: `${config.sandboxImage}:latest`,
        dockerImageId: null,
        sizeBytes: null,
        error: null,
        createdAt: now,
        updatedAt: now,
      });
    },

    /** Start-up sweep: builds and installs that a stopped server never finished are marked FAILED. */
    recover(): void {
      for (const image of store.imagesBuilding()) {
        if (image.id !== DEFAULT_IMAGE_ID) store.updateImage(image.id, { status: "FAILED", error: "server restarted" });
      }
      for (const installation of store.installationsUnfinished()) {
        store.finishInstallation(installation.id, "FAILED", "server restarted");
      }
    },

    refreshDefault,

    list: (): Image[] => store.listImages(),
    get: (id: string): Image | null => store.getImage(id),
    require: requireImage,
    packagesOf: (id: string): InstalledPackage[] => store.packagesOf(id),
    buildLog: (id: string): string => store.fullLog(id),

    async create(request: CreateImageRequest): Promise<Image> {
      const name = request.name;
      if (name.length > MAX_IMAGE_NAME || !IMAGE_NAME.test(name)) {
        throw new ServiceError(
          "BAD_USER_INPUT",
          `name ${JSON.stringify(name)} is not a Docker image name: give lower-case letters and digits, separated by . _ - or /, at most ${MAX_IMAGE_NAME} characters.`,
        );
      }
      if (store.imageByName(name)) throw new ServiceError("BAD_USER_INPUT", `name ${name} is taken by another image.`);
      if (request.languages.length === 0) {
        throw new ServiceError("BAD_USER_INPUT", "languages must name at least one of PYTHON, NODE, CSHARP, BASH.");
      }
      const languages = inRecipeOrder(request.languages.map(languageById)).map((language) => language.id);
      if (languages.includes("CSHARP") && config.dotnetSdkDir === null) {
        throw new ServiceError(
          "BAD_USER_INPUT",
          "languages: CSHARP needs a .NET SDK, and this server has none (DOTNET_SDK_DIR).",
        );
      }
      const now = new Date();
      const image: Image = {
        id: randomUUID(),
        name,
        languages,
        status: "BUILDING",
        dockerTag: `${CUSTOM_REPOSITORY_PREFIX}${name}:latest`,
        dockerImageId: null,
        sizeBytes: null,
        error: null,
        createdAt: now,
        updatedAt: now,
      };
      store.insertImage(image);
      void build(image);
      return image;
    },

    async remove(id: string): Promise<boolean> {
      const image = requireImage(id);
      if (id === DEFAULT_IMAGE_ID) {
        throw new ServiceError("BAD_USER_INPUT", "id: the default image cannot be removed.");
      }
      if (image.status === "BUILDING") {
        throw new ServiceError("IMAGE_NOT_READY", `Image ${image.name} is still building.`);
      }
      if (installQueues.has(id)) {
        throw new ServiceError(
          "IMAGE_NOT_READY",
          `Image ${image.name} has a package install under way; remove it after that.`,
        );
      }
      if (image.dockerImageId) await removeImage(docker, image.dockerTag, true).catch(() => undefined);
      store.deleteImage(id);
      return true;
    },

    /** The image an execution runs in: the default one without an id; it must be READY. */
    async resolveRunnable(imageId: string | null | undefined): Promise<RunnableImage> {
      const image = await requireReadyNow(imageId ?? DEFAULT_IMAGE_ID);
      // The default image's record was just refreshed from Docker; a custom one may be stale.
      if (image.id !== DEFAULT_IMAGE_ID && !(await findImage(docker, image.dockerImageId as string))) {
        throw new ServiceError("IMAGE_NOT_READY", `The Docker image of ${image.name} is gone; build it again.`);
      }
      return { id: image.id, name: image.name, dockerImage: image.dockerImageId as string, languages: image.languages };
    },

    async installPackages(request: InstallPackagesRequest): Promise<PackageInstallation> {
      validatePackageSpecs(request.manager, request.packages);
      const image = await requireReadyNow(request.imageId);
      const needs = MANAGER_LANGUAGE[request.manager];
      if (needs && !image.languages.includes(needs)) {
        throw new ServiceError(
          "BAD_USER_INPUT",
          `manager ${request.manager} needs ${needs}, and image ${image.name} has ${image.languages.join(", ")}.`,
        );
      }
      const installation: PackageInstallation = {
        id: randomUUID(),
        imageId: image.id,
        manager: request.manager,
        packages: [...request.packages],
        status: "QUEUED",
        error: null,
        startedAt: new Date(),
        finishedAt: null,
      };
      store.insertInstallation(installation);
      const previous = installQueues.get(image.id) ?? Promise.resolve();
      const done = previous.then(() => install(installation, image));
      installQueues.set(image.id, done);
      void done.finally(() => {
        if (installQueues.get(image.id) === done) installQueues.delete(image.id);
      });
      if (request.wait ?? true) await done;
      return store.getInstallation(installation.id) as PackageInstallation;
    },

    getInstallation: (id: string): PackageInstallation | null => store.getInstallation(id),
    installationLog: (id: string): string => store.fullLog(id),

    /** Build output from the first line; completes when the build has ended. */
    buildLogLines(id: string) {
      requireImage(id);
      return followLog<LogLine>(notifier, {
        id,
        read: (after) => store.linesAfter(id, after),
        ended: () => store.getImage(id)?.status !== "BUILDING",
      });
    },

    /** Installation output from the first line; completes when it has ended. */
    installationLogLines(id: string) {
      if (!store.getInstallation(id)) throw new ServiceError("NOT_FOUND", `id ${id} names no package installation.`);
      return followLog<LogLine>(notifier, {
        id,
        read: (after) => store.linesAfter(id, after),
        ended: () => {
          const status = store.getInstallation(id)?.status;
          return status !== "QUEUED" && status !== "RUNNING";
        },
      });
    },

    /**
     * Stops this process's installs (images stay as they were; queued ones never start) and stops
     * recording builds, whose Docker builds end on their own; the next start marks both FAILED.
     */
    async shutdown(): Promise<void> {
      stopping = true;
      const containers = await listOwnedContainers(docker, {
        [PROCESS_LABEL]: processLabel,
        [PURPOSE_LABEL]: "install",
      });
      await Promise.all(containers.map((container) => removeContainer(docker, container.id).catch(() => undefined)));
      await Promise.allSettled([...installQueues.values()]);
    },
  };
}

export type ImageService = ReturnType<typeof createImageService>;

/** Registry settings for an install container, from the configuration. */
function registryEnv(config: Config): string[] {
  const env: string[] = [];
  const { pipIndexUrl, npmRegistry, nugetSource } = config.packages;
  if (pipIndexUrl) {
    env.push(`PIP_INDEX_URL=${pipIndexUrl}`);
    // pip ignores a plain-HTTP index unless its host is trusted.
    if (pipIndexUrl.startsWith("http:")) env.push(`PIP_TRUSTED_HOST=${new URL(pipIndexUrl).host}`);
  }
  if (npmRegistry) env.push(`npm_config_registry=${npmRegistry}`);
  if (nugetSource) env.push(`SANDBOX_NUGET_SOURCE=${nugetSource}`);
  return env;
}

function splitTag(reference: string): [string, string] {
  const colon = reference.lastIndexOf(":");
  return [reference.slice(0, colon), reference.slice(colon + 1)];
}

/** The manager's own last words, for `error`: the last few non-empty lines of its output. */
function lastMeaningfulLines(log: string): string {
  return log
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("install failed:"))
    .slice(-5)
    .join("\n");
}
