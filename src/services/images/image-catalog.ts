/**
 * The catalog of images: the default image's record (it follows whatever Docker image its tag
 * names), custom images' records, their installed packages, and removal. Builds and installs
 * change images; this module only records and looks them up.
 */
import type { EngineInfo, ImageClient } from "../../domain/engine.js";
import { messageOf, ServiceError } from "../../domain/errors.js";
import { DEFAULT_IMAGE_ID, type Image, type InstalledPackage, type RunnableImage } from "../../domain/image.js";
import { type Actor, isAdmin, visibleTo } from "../../domain/principal.js";
import { LANGUAGES } from "../../languages/index.js";
import type { Logger } from "../../logger.js";
import type { ImageStore } from "../../store/image-store.js";
import { ownerFilter } from "../auth/owner-filter.js";

export interface ImageCatalogDeps {
  images: ImageClient;
  engine: Pick<EngineInfo, "isGone" | "isAlreadyGone">;
  /** Tag of the default image. */
  sandboxImage: string;
  store: ImageStore;
  /** True while a package install of the image is queued or running. */
  installing(imageId: string): boolean;
  /** Wakes whoever follows an image's build log (the default image's status changed). */
  changed(imageId: string): void;
  /** Removes the pooled sandboxes (and compile servers) of a Docker image that was replaced or removed. */
  retireSandboxes(dockerImageId: string): Promise<void>;
  logger: Logger;
}

export function createImageCatalog(deps: ImageCatalogDeps) {
  const { images, engine, sandboxImage, store, logger } = deps;
  /** Images whose Docker image is being removed: nothing may start on them meanwhile. */
  const removing = new Set<string>();

  async function recordedImage(id: string): Promise<Image> {
    const image = await store.getImage(id);
    if (!image) throw new ServiceError("NOT_FOUND", `imageId ${id} names no image.`);
    return image;
  }

  /** The image, when the actor may see it (the shared default image, its own, or any for an admin). */
  async function requireImage(actor: Actor, id: string): Promise<Image> {
    const image = visibleTo(actor, await store.getImage(id));
    if (!image) throw new ServiceError("NOT_FOUND", `imageId ${id} names no image.`);
    return image;
  }

  async function requireReady(id: string): Promise<Image> {
    const image = await recordedImage(id);
    // Checked after the read: a removal that began meanwhile is seen.
    if (removing.has(id)) throw new ServiceError("IMAGE_NOT_READY", `Image ${image.name} is being removed.`);
    if (image.status !== "READY" || image.dockerImageId === null) {
      throw new ServiceError(
        "IMAGE_NOT_READY",
        `Image ${image.name} is ${image.status === "BUILDING" ? "still building" : `not usable (${image.error ?? image.status})`}.`,
      );
    }
    return image;
  }

  /**
   * The default image is built outside the catalog (at start, or by `npm run image:build`), so its
   * record follows whatever Docker image its tag names now.
   */
  async function refreshDefault(): Promise<void> {
    const found = await images.find(`${sandboxImage}:latest`);
    const recorded = (await store.getImage(DEFAULT_IMAGE_ID))?.dockerImageId;
    // A Docker image we did not commit (a rebuild from the recipes) has none of the packages installed before.
    if (recorded && found && found.id !== recorded) await store.forgetPackages(DEFAULT_IMAGE_ID);
    if (recorded && found?.id !== recorded) await deps.retireSandboxes(recorded);
    await store.updateImage(DEFAULT_IMAGE_ID, {
      status: found ? "READY" : "FAILED",
      dockerImageId: found?.id ?? null,
      sizeBytes: found?.sizeBytes ?? null,
      error: found ? null : `image ${sandboxImage} is not built`,
    });
    deps.changed(DEFAULT_IMAGE_ID);
  }

  /** Removes the image's Docker image; when Docker cannot, the error says why (and the record is kept). */
  async function removeDockerImage(image: Image, dockerImageId: string): Promise<void> {
    try {
      // Pooled sandboxes and compile servers of the image would keep it in use.
      await deps.retireSandboxes(dockerImageId);
      await images.remove(image.dockerTag, true);
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      // Already gone from Docker: only the record is left to remove.
      if (!engine.isAlreadyGone(error)) {
        logger.warn("could not remove a Docker image", { imageId: image.id, error: String(error) });
        throw new ServiceError(
          "DOCKER_UNAVAILABLE",
          `Docker could not remove image ${image.name} (${messageOf(error)}); the image is kept, try again.`,
        );
      }
    }
  }

  /** requireReady, after bringing the default image's record up to date. */
  async function requireReadyNow(id: string): Promise<Image> {
    if (id === DEFAULT_IMAGE_ID) await refreshDefault();
    return requireReady(id);
  }

  /** requireReadyNow of an image the actor may see. */
  async function requireReadyFor(actor: Actor, id: string): Promise<Image> {
    await requireImage(actor, id);
    return requireReadyNow(id);
  }

  return {
    /** The Docker image an image of ours has now; null unless it is READY. */
    async currentDockerImage(id: string): Promise<string | null> {
      const image = await store.getImage(id);
      return image?.status === "READY" ? image.dockerImageId : null;
    },

    /** Start-up: makes sure the default image has its record (built or not). */
    async recordDefault(): Promise<void> {
      const languages = LANGUAGES.map((language) => language.id);
      const recorded = await store.getImage(DEFAULT_IMAGE_ID);
      if (recorded) {
        // Every registered language: a language added since (a plugin, a new bundled one) joins the record.
        if (recorded.languages.join() !== languages.join()) await store.updateImage(DEFAULT_IMAGE_ID, { languages });
        return;
      }
      const now = new Date();
      // Shared, so no quota counts it.
      await store.insertImage(
        {
          id: DEFAULT_IMAGE_ID,
          ownerId: null,
          name: sandboxImage,
          languages,
          // The default image has every line of every language (see runtime-lines.ts).
          versions: null,
          status: "BUILDING",
          dockerTag: `${sandboxImage}:latest`,
          dockerImageId: null,
          sizeBytes: null,
          error: null,
          createdAt: now,
          updatedAt: now,
        },
        null,
      );
    },

    refreshDefault,

    /** Start-up without Docker: the default image cannot be checked, so it is not usable (nor building). */
    async defaultUnreachable(reason: string): Promise<void> {
      await store.updateImage(DEFAULT_IMAGE_ID, { status: "FAILED", error: reason });
      deps.changed(DEFAULT_IMAGE_ID);
    },

    requireReadyNow,
    requireReadyFor,

    /** The shared default image, then the images the actor may see (an admin: one principal's with `principalId`). */
    async list(actor: Actor, principalId?: string | null): Promise<Image[]> {
      const owner = ownerFilter(actor, principalId);
      return (await store.listImages()).filter(
        (image) => image.ownerId === null || owner === null || image.ownerId === owner,
      );
    },

    get: async (actor: Actor, id: string): Promise<Image | null> => visibleTo(actor, await store.getImage(id)),

    require: requireImage,
    /** Any image by id, whoever owns it (for the services' own bookkeeping). */
    recorded: recordedImage,
    packagesOf: (id: string): Promise<InstalledPackage[]> => store.packagesOf(id),

    /**
     * Removes a custom image and its Docker image. When Docker cannot remove it, the record stays
     * (so nothing is left that no one can clean up) and the error says why.
     */
    async remove(actor: Actor, id: string): Promise<boolean> {
      const image = await requireImage(actor, id);
      if (id === DEFAULT_IMAGE_ID) {
        if (!isAdmin(actor))
          throw new ServiceError("FORBIDDEN", "id: the default image is shared; only an admin may change it.");
        throw new ServiceError("BAD_USER_INPUT", "id: the default image cannot be removed.");
      }
      if (image.status === "BUILDING") {
        throw new ServiceError("IMAGE_NOT_READY", `Image ${image.name} is still building; cancel the build first.`);
      }
      if (deps.installing(id)) {
        throw new ServiceError(
          "IMAGE_NOT_READY",
          `Image ${image.name} has a package install under way; remove it after that, or cancel it.`,
        );
      }
      removing.add(id);
      try {
        if (image.dockerImageId) await removeDockerImage(image, image.dockerImageId);
        await store.deleteImage(id);
      } finally {
        // Only once the record is gone: until then nothing may start on the image.
        removing.delete(id);
      }
      await images
        .removePackageCache(id)
        .catch((error: unknown) =>
          logger.warn("could not remove an image's package cache", { imageId: id, error: String(error) }),
        );
      return true;
    },

    /** The image an execution runs in: the default one without an id; it must be READY. */
    async resolveRunnable(actor: Actor, imageId: string | null | undefined): Promise<RunnableImage> {
      const image = await requireReadyFor(actor, imageId ?? DEFAULT_IMAGE_ID);
      // The default image's record was just refreshed from Docker; a custom one may be stale.
      if (image.id !== DEFAULT_IMAGE_ID && !(await images.find(image.dockerImageId as string))) {
        throw new ServiceError("IMAGE_NOT_READY", `The Docker image of ${image.name} is gone; build it again.`);
      }
      return {
        id: image.id,
        name: image.name,
        dockerImage: image.dockerImageId as string,
        languages: image.languages,
        versions: image.versions,
      };
    },

    /**
     * Start-up sweep: builds that a stopped server never finished are marked FAILED, and a tag the
     * engine may still have given them (a build it finished after the server was gone) is taken
     * away, so that no FAILED image has a Docker image behind its name.
     */
    async recover(): Promise<void> {
      for (const image of await store.imagesBuilding()) {
        if (image.id === DEFAULT_IMAGE_ID) continue;
        await store.updateImage(image.id, { status: "FAILED", error: "server restarted" });
        await images.remove(image.dockerTag).catch((error: unknown) => {
          if (!engine.isAlreadyGone(error) && !engine.isGone(error))
            logger.warn("could not remove the tag of an unfinished build", { imageId: image.id, error: String(error) });
        });
      }
    },
  };
}

export type ImageCatalog = ReturnType<typeof createImageCatalog>;
