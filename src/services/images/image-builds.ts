/**
 * Custom images: composed from the language recipes and built in the background, one build at a
 * time (the engine and the machine are shared), with a log that can be followed and resumed, and
 * a cancel that stops the Docker build.
 */

import { randomUUID } from "node:crypto";
import type { Config } from "../../config.js";
import type { EngineInfo, ImageClient } from "../../domain/engine.js";
import { messageOf, ServiceError } from "../../domain/errors.js";
import type { Image, JobOutcome, LogLine } from "../../domain/image.js";
import type { CreateImageRequest } from "../../domain/image-inputs.js";
import type { Actor } from "../../domain/principal.js";
import { LANGUAGES, languageById } from "../../languages/index.js";
import type { Logger } from "../../logger.js";
import type { JobObserver } from "../../metrics/index.js";
import type { ImageStore } from "../../store/image-store.js";
import { quotaExceeded, requireWithinQuota } from "../auth/quota-check.js";
import { createConcurrencyGate } from "../lib/concurrency-gate.js";
import type { OwnerCounter } from "../lib/owner-counter.js";
import { chooseLines } from "../sandbox/runtime-lines.js";
import { inRecipeOrder } from "./assembly/dockerfile.js";
import { buildLanguageImage } from "./assembly/language-image-build.js";
import type { ImageCatalog } from "./image-catalog.js";
import type { JobLog } from "./job-log.js";

/** Docker repository of custom images, so that a user's name never clobbers someone else's tag. */
export const CUSTOM_REPOSITORY_PREFIX = "mcp-executor-custom/";
/** Docker's rules for a repository name (path components), lower case; the tag is ours. */
const IMAGE_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const MAX_IMAGE_NAME = 100;

export interface ImageBuildsDeps {
  images: ImageClient;
  engine: Pick<EngineInfo, "isGone" | "goesAway">;
  config: Config;
  store: ImageStore;
  catalog: ImageCatalog;
  log: JobLog;
  /** Builds and installs going on per principal, shared with the installs. */
  jobs: OwnerCounter;
  logger: Logger;
  /** Told how each build ended and how long it ran (the metrics). */
  observer?: JobObserver;
}

/** Why a build was aborted. */
type AbortReason = "cancelled" | "shutdown";

/** A build's outcome, as its log's final line tells it. */
export function buildOutcome(image: Image): JobOutcome | null {
  switch (image.status) {
    case "BUILDING":
      return null;
    case "READY":
      return { status: "SUCCEEDED", error: null };
    case "CANCELLED":
      return { status: "CANCELLED", error: image.error };
    default:
      return { status: "FAILED", error: image.error };
  }
}

export function createImageBuilds(deps: ImageBuildsDeps) {
  const { images, engine, config, store, catalog, log, logger } = deps;
  const gate = createConcurrencyGate(1);
  /** Builds queued or running here. */
  const live = new Map<string, { abort: AbortController; done: Promise<void> }>();

  const nameTaken = (name: string) => new ServiceError("BAD_USER_INPUT", `name ${name} is taken by another image.`);

  async function validate(request: CreateImageRequest): Promise<Pick<Image, "languages" | "versions">> {
    const { name } = request;
    if (name.length > MAX_IMAGE_NAME || !IMAGE_NAME.test(name)) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `name ${JSON.stringify(name)} is not a Docker image name: give lower-case letters and digits, separated by . _ - or /, at most ${MAX_IMAGE_NAME} characters.`,
      );
    }
    if (await store.imageByName(name)) throw nameTaken(name);
    if (request.languages.length === 0) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `languages must name at least one of ${LANGUAGES.map((language) => language.id).join(", ")}.`,
      );
    }
    const languages = inRecipeOrder(request.languages.map(languageById));
    // A recipe that copies the SDK folder (C#'s) says so in its vendor files.
    const needsSdk = languages.find((language) =>
      language.recipe.vendor.some((file) => file.source.kind === "dotnet-sdk"),
    );
    if (needsSdk && config.dotnetSdkDir === null) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `languages: ${needsSdk.id} needs a .NET SDK, and this server has none (DOTNET_SDK_DIR).`,
      );
    }
    return { languages: languages.map(({ id }) => id), versions: chooseLines(languages, request.versions ?? null) };
  }

  async function build(image: Image, signal: AbortSignal): Promise<void> {
    let release: (() => void) | null = null;
    let startedAt: number | null = null;
    try {
      release = await gate.acquire(signal);
      startedAt = performance.now();
      const lines = image.versions ?? [];
      await log.append(
        image.id,
        `building ${image.name} with ${lines.map(({ language, line }) => `${language} ${line}`).join(", ")}`,
      );
      const dockerImageId = await buildLanguageImage(images, config, {
        tag: image.dockerTag,
        lines,
        contextName: image.id,
        onLine: log.writer(image.id),
        signal,
      });
      const found = await images.find(dockerImageId);
      // Every line before the outcome: a follower that sees the outcome has them all.
      await log.flush(image.id);
      await store.updateImage(image.id, {
        status: "READY",
        dockerImageId,
        sizeBytes: found?.sizeBytes ?? null,
        error: null,
      });
    } catch (error) {
      await log.flush(image.id);
      // After shutdown the store closes; the next start marks the build FAILED ("server restarted").
      if (signal.reason === ("shutdown" satisfies AbortReason)) return;
      if (signal.aborted) {
        await store.updateImage(image.id, { status: "CANCELLED", error: "the build was cancelled" });
        return;
      }
      const said = messageOf(error);
      // A build stream cut short by the engine going down says little; name the cause.
      const message =
        engine.isGone(error) || (await engine.goesAway())
          ? `Docker engine restarted (or stopped) during the build; build the image again (${said})`
          : said;
      logger.warn("image build failed", { imageId: image.id, error: message });
      await store.updateImage(image.id, { status: "FAILED", error: message });
    } finally {
      release?.();
      if (signal.reason !== ("shutdown" satisfies AbortReason)) {
        log.touch(image.id);
        const outcome = buildOutcome((await store.getImage(image.id)) ?? image);
        if (outcome)
          deps.observer?.buildFinished(outcome.status, startedAt === null ? null : performance.now() - startedAt);
      }
    }
  }

  return {
    /** Records the image (BUILDING) and starts its build in the background. */
    async create(actor: Actor, request: CreateImageRequest): Promise<Image> {
      const { languages, versions } = await validate(request);
      requireWithinQuota(actor, "images", await store.imagesHeldBy(actor.principalId));
      requireWithinQuota(actor, "jobsAtOnce", deps.jobs.count(actor.principalId));
      // The job counts from its check on, with nothing awaited in between: two creates at once
      // cannot both take the last place.
      const counted = deps.jobs.start(actor.principalId);
      const now = new Date();
      const image: Image = {
        id: randomUUID(),
        ownerId: actor.principalId,
        name: request.name,
        languages,
        versions,
        status: "BUILDING",
        dockerTag: `${CUSTOM_REPOSITORY_PREFIX}${request.name}:latest`,
        dockerImageId: null,
        sizeBytes: null,
        error: null,
        createdAt: now,
        updatedAt: now,
      };
      try {
        // The checks above said what a request usually hears; this says it for requests at once.
        const inserted = await store.insertImage(image, actor.quotas.images);
        if (inserted.outcome === "name-taken") throw nameTaken(image.name);
        if (inserted.outcome === "quota-refused") throw quotaExceeded(actor, "images", inserted.used);
      } catch (error) {
        counted();
        throw error;
      }
      const abort = new AbortController();
      const done = build(image, abort.signal).finally(() => {
        live.delete(image.id);
        counted();
      });
      live.set(image.id, { abort, done });
      return image;
    },

    /** Stops a build (the image ends CANCELLED, with no Docker image); any other image is returned as it is. */
    async cancel(actor: Actor, id: string): Promise<Image> {
      await catalog.require(actor, id);
      const entry = live.get(id);
      if (entry) {
        entry.abort.abort("cancelled" satisfies AbortReason);
        await entry.done;
      }
      return catalog.require(actor, id);
    },

    /** The build log as text. */
    logText: (id: string): Promise<string> => log.text(id),

    /** Build output after `afterSeq`, then live lines, then the final line with the outcome. */
    async follow(actor: Actor, id: string, afterSeq = 0): Promise<AsyncIterableIterator<LogLine>> {
      await catalog.require(actor, id);
      return log.follow(id, afterSeq, async () => {
        const image = await store.getImage(id);
        return image ? buildOutcome(image) : { status: "FAILED", error: "the image was removed" };
      });
    },

    /** Stops this process's builds; the store is about to close, and the next start marks them FAILED. */
    async shutdown(): Promise<void> {
      const entries = [...live.values()];
      for (const entry of entries) entry.abort.abort("shutdown" satisfies AbortReason);
      await Promise.all(entries.map((entry) => entry.done));
    },
  };
}

export type ImageBuilds = ReturnType<typeof createImageBuilds>;
