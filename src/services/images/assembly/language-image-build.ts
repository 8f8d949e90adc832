/**
 * Builds an image with the given languages from their recipes: finds a base, assembles the
 * context, builds through dockerode, passing each line of output on as it comes.
 */
import type { Config } from "../../../config.js";
import type { Docker } from "../../../docker/docker-client.js";
import { buildImage } from "../../../docker/image-build.js";
import { RECIPE_LABEL } from "../../../docker/labels.js";
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
export async function buildLanguageImage(docker: Docker, config: Config, build: LanguageImageBuild): Promise<string> {
  const baseImage = await resolveBaseImage(docker, config, build.onLine);
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
  return buildImage(docker, {
    context,
    tag: build.tag,
    buildArgs: { BASE_IMAGE: baseImage },
    labels: { [RECIPE_LABEL]: await recipeFingerprint(build.lines) },
    onLine: build.onLine,
    signal: build.signal,
  });
}
