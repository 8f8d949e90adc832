/**
 * Which version lines of its languages an image has (`versions` given to createImage, such as
 * node@22), which of them a run gets, and the matching rule for a requested version: a line's
 * name ("22") or the start of the version its image reports ("22", "22.23", "22.23.3").
 */
import { ServiceError } from "../../domain/errors.js";
import { DEFAULT_IMAGE_ID } from "../../domain/image.js";
import type { RuntimeLine } from "../../domain/runtime.js";
import { languageFromAlias } from "../../languages/aliases.js";
import { LANGUAGES, type LanguageDefinition, languageById } from "../../languages/index.js";

/** Every line of every language: what the default image is built with. */
export function everyLine(): RuntimeLine[] {
  return LANGUAGES.flatMap((language) => language.versions.map(({ line }) => ({ language: language.id, line })));
}

/**
 * The lines an image built with `languages` gets for createImage's `versions`: each named one, in
 * the registry's order, and the default line of every language none was named for.
 */
export function chooseLines(
  languages: readonly LanguageDefinition[],
  versions: readonly string[] | null,
): RuntimeLine[] {
  const named = (versions ?? []).map((text, index) => {
    const field = `versions[${index}]`;
    const at = text.lastIndexOf("@");
    if (at <= 0 || at === text.length - 1) {
      throw new ServiceError("BAD_USER_INPUT", `${field}: give language@version, such as node@22 or csharp@8.`);
    }
    const language = languageById(languageFromAlias(text.slice(0, at)));
    if (!languages.some((chosen) => chosen.id === language.id)) {
      throw new ServiceError("BAD_USER_INPUT", `${field}: ${language.id} is not one of the image's languages.`);
    }
    const requested = text.slice(at + 1);
    const version = language.versions.find(({ line }) => line === requested || line === requested.split(".")[0]);
    if (!version) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `${field}: ${language.id} has no version ${requested}; give one of ${linesText(language)}.`,
      );
    }
    return { language: language.id, line: version.line };
  });
  return languages.flatMap((language) => {
    const mine = named.filter((line) => line.language === language.id).map(({ line }) => line);
    const lines =
      mine.length > 0
        ? language.versions.map(({ line }) => line).filter((line) => mine.includes(line))
        : [language.defaultVersion];
    return lines.map((line) => ({ language: language.id, line }));
  });
}

/**
 * An image's lines of one language. The default image has every line of every language; an image
 * made before versions existed has the language's default.
 */
export function linesIn(image: { id: string; versions: RuntimeLine[] | null }, language: LanguageDefinition): string[] {
  if (image.id === DEFAULT_IMAGE_ID) return language.versions.map(({ line }) => line);
  if (image.versions === null) return [language.defaultVersion];
  return image.versions.filter((line) => line.language === language.id).map(({ line }) => line);
}

/** The line a run gets when it names no version: the language's default if the image has it, else its newest. */
export function defaultLine(lines: readonly string[], language: LanguageDefinition): string {
  if (lines.includes(language.defaultVersion)) return language.defaultVersion;
  const newest = [...lines].sort(byVersion).at(-1);
  if (!newest) throw new Error(`no ${language.id} version in the image`);
  return newest;
}

/** Whether `requested` names a runtime: its line, or a prefix of its version at a dot. */
export function matchesVersion(requested: string, runtime: { line: string; version: string }): boolean {
  return requested === runtime.line || requested === runtime.version || runtime.version.startsWith(`${requested}.`);
}

export const byVersion = (a: string, b: string): number => a.localeCompare(b, "en", { numeric: true });

function linesText(language: LanguageDefinition): string {
  return language.versions.map(({ line }) => `${language.id.toLowerCase()}@${line}`).join(", ");
}
