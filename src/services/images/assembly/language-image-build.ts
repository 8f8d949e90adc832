/**
 * Builds an image with the given languages from their recipes: finds a base, assembles the
 * context, builds through the engine, passing each line of output on as it comes.
 */
import type { Config } from "../../../config.js";
import type { ImageClient } from "../../../domain/engine.js";
import type { RuntimeLine } from "../../../domain/runtime.js";
import { languageById } from "../../../languages/index.js";
import { resolveBaseImage } from "./base-image.js";
import { composeDockerfile, pluginFoldersFor, vendorFilesFor } from "./dockerfile.js";
import { assembleImageContext } from "./image-context.js";
import { recipeFingerprint } from "./recipe-fingerprint.js";

export interface LanguageImageBuild {
  tag: string;
  /** The version lines of its languages (see runtime-lines.ts). */
  lines: readonly RuntimeLine[];
  /** Names the staging folder of the build context. */
  contextName: string;
  onLine: (line: string) => void;
  /** Aborting cancels the build. */
  signal?: AbortSignal;
}

/** Resolves with the Docker image id. */
export async function buildLanguageImage(
  images: ImageClient,
  config: Config,
  build: LanguageImageBuild,
): Promise<string> {
  const baseImage = await resolveBaseImage(images, config, build.onLine);
  const context = await assembleImageContext(
    config,
    {
      name: build.contextName,
      dockerfile: composeDockerfile(build.lines),
      vendor: vendorFilesFor(build.lines),
      pluginFolders: pluginFoldersFor(build.lines.map(({ language }) => languageById(language))),
    },
    build.onLine,
  );
  return images.build({
    context,
    tag: build.tag,
    buildArgs: { BASE_IMAGE: baseImage },
    recipeFingerprint: await recipeFingerprint(build.lines),
    onLine: build.onLine,
    signal: build.signal,
  });
}
