/**
 * Runtime versions, read from an image by running each language's version probe in it (never
 * written in the code). Results are kept per Docker image id, since an image never changes.
 */
import type { Docker } from "../docker/docker-client.js";
import { findImage } from "../docker/images.js";
import { STORE_LABEL } from "../docker/labels.js";
import { runToCompletion } from "../docker/run-to-completion.js";
import { ServiceError } from "../domain/errors.js";
import type { RuntimeInfo } from "../domain/runtime.js";
import type { LanguageDefinition } from "../languages/index.js";
import { LANGUAGES } from "../languages/index.js";
import type { Logger } from "../logger.js";

export interface RuntimeService {
  /** The runtimes of the default image (probed once per image id). */
  defaultImageRuntimes(): Promise<RuntimeInfo[]>;
  /** The runtimes of the given languages inside an image. */
  runtimesOf(dockerImageId: string, languages: readonly LanguageDefinition[]): Promise<RuntimeInfo[]>;
}

export interface RuntimeServiceDeps {
  docker: Docker;
  /** Tag of the default image. */
  defaultImage: string;
  /** Labels probe containers as this data folder's (see docker/labels.ts). */
  storeLabel: string;
  logger: Logger;
}

export function createRuntimeService({ docker, defaultImage, storeLabel, logger }: RuntimeServiceDeps): RuntimeService {
  const probed = new Map<string, Promise<RuntimeInfo>>();

  const probe = (imageId: string, language: LanguageDefinition): Promise<RuntimeInfo> => {
    const key = `${imageId} ${language.id}`;
    let result = probed.get(key);
    if (!result) {
      result = (async () => {
        const { exitCode, stdout, stderr } = await runToCompletion(docker, {
          image: imageId,
          command: language.versionProbe.command,
          labels: { [STORE_LABEL]: storeLabel },
          logger,
        });
        if (exitCode !== 0) {
          throw new Error(`${language.versionProbe.command.join(" ")} exited with ${exitCode}: ${stderr.trim()}`);
        }
        return {
          language: language.id,
          version: language.versionProbe.parse(stdout + stderr),
          fileExtension: language.fileExtension,
          packageManager: language.packageManager?.id ?? null,
        };
      })();
      probed.set(key, result);
      // The caller sees the failure through `result`; here it only makes the next call probe again.
      result.catch(() => probed.delete(key));
    }
    return result;
  };

  const runtimesOf = (imageId: string, languages: readonly LanguageDefinition[]) =>
    Promise.all(languages.map((language) => probe(imageId, language)));

  return {
    runtimesOf,
    async defaultImageRuntimes() {
      const image = await findImage(docker, defaultImage);
      if (!image) {
        throw new ServiceError("IMAGE_NOT_READY", `The default image ${defaultImage} is not built yet.`);
      }
      return runtimesOf(image.id, LANGUAGES);
    },
  };
}
