/**
 * Which images executions may run in, by our stable image id. For now the catalog holds the
 * default image alone (id "default"); custom images join it with the images service.
 */
import type { Config } from "../config.js";
import type { Docker } from "../docker/docker-client.js";
import { findImage } from "../docker/images.js";
import { ServiceError } from "../errors.js";
import { LANGUAGES, type LanguageId } from "../languages/index.js";

export const DEFAULT_IMAGE_ID = "default";

export interface RunnableImage {
  id: string;
  name: string;
  dockerImage: string;
  languages: LanguageId[];
}

export interface ImageCatalog {
  /** The image to run in (the default one when `imageId` is absent), checked to exist in Docker. */
  resolve(imageId: string | null | undefined): Promise<RunnableImage>;
}

export function createImageCatalog(docker: Docker, config: Config): ImageCatalog {
  return {
    async resolve(imageId) {
      const id = imageId ?? DEFAULT_IMAGE_ID;
      if (id !== DEFAULT_IMAGE_ID) throw new ServiceError("NOT_FOUND", `imageId ${id} names no image.`);
      const image: RunnableImage = {
        id,
        name: config.sandboxImage,
        dockerImage: config.sandboxImage,
        languages: LANGUAGES.map((language) => language.id),
      };
      if (!(await findImage(docker, image.dockerImage))) {
        throw new ServiceError("IMAGE_NOT_READY", `Image ${image.name} is not built yet.`);
      }
      return image;
    },
  };
}
