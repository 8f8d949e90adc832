/**
 * The languages and package managers in words, for descriptions and help: every list is read from
 * the catalog, so a plugin's language shows up in the schema, the MCP tools and the CLI by itself.
 */
import type { LanguageCatalog } from "./languages.js";

/** "A, B or C". */
export const either = (names: readonly string[]): string =>
  names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names.join("");

/** "PYTHON, NODE or BASH (any case; py, js, sh also work)": the languages, for a tool's description. */
export function languageChoices({ languages }: LanguageCatalog): string {
  const shortest = languages.flatMap((language) =>
    [...language.aliases].sort((a, b) => a.length - b.length).slice(0, 1),
  );
  const also = shortest.length ? `; ${shortest.join(", ")} also work` : "";
  return `${either(languages.map((language) => language.id))} (any case${also})`;
}

/** "PIP, NPM or APT (any case; python, node, bash also work)": the package managers, for a tool's description. */
export function managerChoices({ managers }: LanguageCatalog): string {
  const owners = managers.map((manager) => manager.language.toLowerCase());
  return `${either(managers.map((manager) => manager.id))} (any case; ${owners.join(", ")} also work)`;
}

/** "python|py, node|js|javascript": each language by every name it is taken by, for the CLI's help. */
export const languageNames = ({ languages }: LanguageCatalog): string =>
  languages.map((language) => [language.id.toLowerCase(), ...language.aliases].join("|")).join(", ");

/** "python|pip, node|npm": each package manager by its language's name and its own, for the CLI's help. */
export const managerNames = ({ managers }: LanguageCatalog): string =>
  managers
    .map((manager) => [manager.language.toLowerCase(), manager.id.toLowerCase(), ...manager.aliases].join("|"))
    .join(", ");

/** "APT serves every image" (or nothing, when no manager does): the exception to "the image must have its language". */
export function servesEveryImage({ managers }: LanguageCatalog): string | null {
  const serving = managers.filter((manager) => manager.servesEveryImage).map((manager) => manager.id);
  if (serving.length === 0) return null;
  return `${either(serving)} ${serving.length > 1 ? "serve" : "serves"} every image`;
}
