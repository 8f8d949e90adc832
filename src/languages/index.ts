/** The registry of supported languages, and of the package managers they own. */
import type { PackageManagerId } from "../domain/languages.js";
import { bash } from "./bash/plugin.js";
import { csharp } from "./csharp/plugin.js";
import type { LanguageDefinition, LanguageId, PackageManagerDefinition } from "./language.js";
import { node } from "./node/plugin.js";
import { python } from "./python/plugin.js";

export * from "./language.js";

export const LANGUAGES: readonly LanguageDefinition[] = [python, node, csharp, bash];

export function languageById(id: LanguageId): LanguageDefinition {
  const language = LANGUAGES.find((candidate) => candidate.id === id);
  if (!language) throw new Error(`unknown language ${id}`);
  return language;
}

/** A package manager with the language that owns it. */
export function managerById(id: PackageManagerId): { manager: PackageManagerDefinition; language: LanguageDefinition } {
  for (const language of LANGUAGES) {
    if (language.packageManager?.id === id) return { manager: language.packageManager, language };
  }
  throw new Error(`unknown package manager ${id}`);
}
