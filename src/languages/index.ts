/**
 * The registry of languages, and of the package managers they own: the bundled plugins (one line
 * each, in recipe order), then the plugins loaded from LANGUAGE_PLUGINS_DIR, registered once at
 * start. The services read it when they are called; the GraphQL schema, the input schemas and the
 * MCP tools are built from the catalog the composition root takes of it after registration.
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

/** Every language, bundled ones first, then the loaded plugins (the recipe order). */
export const LANGUAGES: readonly LanguageDefinition[] = registered;

/**
 * Adds loaded plugins (validated by plugin-loader.ts) to the registry. The API layers never read it
 * at import: the composition root takes the catalog (catalog.ts) after this, and builds from that.
 */
export function registerLanguages(plugins: readonly LanguageDefinition[]): void {
  registered.push(...plugins);
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
