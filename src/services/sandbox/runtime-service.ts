/**
 * Runtime versions, read from an image by running each version's probe in it (never written in
 * the code), and the choice of the runtime a run gets. Probes are kept per Docker image id, since
 * an image never changes.
 */
import type { SandboxEngine } from "../../domain/engine.js";
import { ServiceError } from "../../domain/errors.js";
import { DEFAULT_IMAGE_ID } from "../../domain/image.js";
import type { LanguageId } from "../../domain/languages.js";
import type { RuntimeInfo, RuntimeLine } from "../../domain/runtime.js";
import {
  LANGUAGES,
  type LanguageDefinition,
  languageById,
  type RuntimeVersionDefinition,
} from "../../languages/index.js";
import { byVersion, defaultLine, linesIn, matchesVersion } from "./runtime-lines.js";

/** An image as far as its runtimes go: which Docker image, and which lines of which languages. */
export interface ImageRuntimes {
  id: string;
  dockerImage: string;
  languages: LanguageId[];
  versions: RuntimeLine[] | null;
}

export interface RuntimeService {
  /** The runtimes of the default image (probed once per image id). */
  defaultImageRuntimes(): Promise<RuntimeInfo[]>;
  /** One runtime per language and version line of an image. */
  runtimesOf(image: ImageRuntimes): Promise<RuntimeInfo[]>;
  /**
   * The runtime a run of `language` gets: the image's default line, or the one `requested` names
   * (a line, or a version prefix: the newest that matches). BAD_USER_INPUT names those there are.
   */
  select(image: ImageRuntimes, language: LanguageDefinition, requested: string | null): Promise<RuntimeInfo>;
}

export interface RuntimeServiceDeps {
  engine: Pick<SandboxEngine, "containers" | "images">;
  /** Tag of the default image. */
  defaultImage: string;
}

export function createRuntimeService({ engine, defaultImage }: RuntimeServiceDeps): RuntimeService {
  const probed = new Map<string, Promise<string>>();

  /** The version an image reports for one line, probed once per Docker image id. */
  const probe = (dockerImage: string, language: LanguageDefinition, line: string): Promise<string> => {
    const key = `${dockerImage} ${language.id} ${line}`;
    let result = probed.get(key);
    if (!result) {
      const { command, parse } = versionOf(language, line).probe;
      result = (async () => {
        const { exitCode, stdout, stderr } = await engine.containers.runProbe({ image: dockerImage, command });
        if (exitCode !== 0) throw new Error(`${command.join(" ")} exited with ${exitCode}: ${stderr.trim()}`);
        return parse(stdout + stderr);
      })();
      probed.set(key, result);
      // The caller sees the failure through `result`; here it only makes the next call probe again.
      result.catch(() => probed.delete(key));
    }
    return result;
  };

  /** One line's runtime in an image that has `lines` of the language. */
  const runtime = async (
    dockerImage: string,
    language: LanguageDefinition,
    lines: readonly string[],
    line: string,
  ): Promise<RuntimeInfo> => ({
    language: language.id,
    line,
    version: await probe(dockerImage, language, line),
    isDefault: line === defaultLine(lines, language),
    fileExtension: language.fileExtension,
    packageManager: language.packageManager?.id ?? null,
  });

  const runtimesOfLanguage = (image: ImageRuntimes, language: LanguageDefinition): Promise<RuntimeInfo[]> => {
    const lines = linesIn(image, language);
    return Promise.all(lines.map((line) => runtime(image.dockerImage, language, lines, line)));
  };

  const runtimesOf = async (image: ImageRuntimes) =>
    (await Promise.all(image.languages.map((id) => runtimesOfLanguage(image, languageById(id))))).flat();

  return {
    runtimesOf,
    async select(image, language, requested) {
      const lines = linesIn(image, language);
      const line =
        requested === null ? defaultLine(lines, language) : lines.find((candidate) => candidate === requested);
      if (line !== undefined) return runtime(image.dockerImage, language, lines, line);
      const runtimes = await runtimesOfLanguage(image, language);
      const matching = runtimes
        .filter((runtime) => matchesVersion(requested as string, runtime))
        .sort((a, b) => byVersion(a.version, b.version));
      const newest = matching.at(-1);
      if (!newest) {
        const there = runtimes.map((runtime) => `${runtime.version} (${runtime.line})`).join(", ");
        throw new ServiceError(
          "BAD_USER_INPUT",
          `version: ${language.id} has no version ${JSON.stringify(requested)} in this image; it has ${there}. Give a version line such as ${runtimes[0]?.line ?? language.defaultVersion}, an exact version, or none for the default.`,
        );
      }
      return newest;
    },
    async defaultImageRuntimes() {
      const image = await engine.images.find(defaultImage);
      if (!image) {
        throw new ServiceError("IMAGE_NOT_READY", `The default image ${defaultImage} is not built yet.`);
      }
      return runtimesOf({
        id: DEFAULT_IMAGE_ID,
        dockerImage: image.id,
        languages: LANGUAGES.map(({ id }) => id),
        versions: null,
      });
    },
  };
}

function versionOf(language: LanguageDefinition, line: string): RuntimeVersionDefinition {
  const version = language.versions.find((candidate) => candidate.line === line);
  if (!version) throw new Error(`${language.id} has no version line ${line}`);
  return version;
}
