/**
 * The registry of languages, and of the package managers they own: the bundled plugins (one line
 * each, in recipe order), then the plugins loaded from LANGUAGE_PLUGINS_DIR, registered once at
 * start before anything builds on the registry (the GraphQL schema, the input schemas, the aliases).
 */
import type { PackageManagerId } from "../domain/languages.js";
import { bash } from "./bash/plugin.js";
import { csharp } from "./csharp/plugin.js";
import type { LanguageDefinition, LanguageId, PackageManagerDefinition } from "./language.js";
import { node } from "./node/plugin.js";
import { python } from "./python/plugin.js";
import { ruby } from "./ruby/plugin.js";

export * from "./language.js";

/** The languages in the source tree, in recipe order: a new one goes last, so earlier layers stay shared. */
export const BUNDLED_LANGUAGES: readonly LanguageDefinition[] = [python, node, csharp, bash, ruby];

const registered: LanguageDefinition[] = [...BUNDLED_LANGUAGES];
/** Set once something was built from the list of ids: a language registered later would be missing there. */
let idsRead = false;

/** Every language, bundled ones first, then the loaded plugins (the recipe order). */
export const LANGUAGES: readonly LanguageDefinition[] = registered;

/**
 * Adds loaded plugins (validated by plugin-loader.ts) to the registry. Throws when the enums were
 * already built from it: plugins must be registered before the schema is imported.
 */
export function registerLanguages(plugins: readonly LanguageDefinition[]): void {
  if (idsRead && plugins.length > 0) {
    throw new Error(
      "language plugins must be registered before the GraphQL schema and the input schemas are loaded (they read the registry once)",
    );
  }
  registered.push(...plugins);
}

/** The Language enum's values, in registry order. Whatever calls this fixes the registry. */
export function languageIds(): LanguageId[] {
  idsRead = true;
  return registered.map((language) => language.id);
}

/** The PackageManager enum's values, in registry order. Whatever calls this fixes the registry. */
export function packageManagerIds(): PackageManagerId[] {
  idsRead = true;
  return registered.flatMap((language) => (language.packageManager ? [language.packageManager.id] : []));
}

export function languageById(id: LanguageId): LanguageDefinition {
  const language = registered.find((candidate) => candidate.id === id);
  if (!language) throw new Error(`unknown language ${id}`);
  return language;
}

/** A package manager with the language that owns it. */
export function managerById(id: PackageManagerId): { manager: PackageManagerDefinition; language: LanguageDefinition } {
  for (const language of registered) {
    if (language.packageManager?.id === id) return { manager: language.packageManager, language };
  }
  throw new Error(`unknown package manager ${id}`);
}
