/**
 * The registry as the domain's LanguageCatalog: plain data read when it is called, never when a
 * module loads. The composition root takes it after the plugins are registered (plugin-loader.ts)
 * and builds the schema, the input schemas and the MCP tools from it.
 */
import type { LanguageCatalog } from "../domain/languages.js";
import { LANGUAGES, type LanguageDefinition } from "./index.js";

/** The catalog of `languages`: the registry as it is now by default. */
export function languageCatalog(languages: readonly LanguageDefinition[] = LANGUAGES): LanguageCatalog {
  return {
    languages: languages.map((language) => ({
      id: language.id,
      name: language.name,
      description: language.description ?? `${language.id}, run as ${language.sourceFileName}.`,
      aliases: language.aliases,
      fileExtensions: [language.fileExtension, ...language.otherExtensions],
      versionLines: language.versions.map((version) => version.line),
      packageManager: language.packageManager?.id ?? null,
    })),
    managers: languages.flatMap(({ id, packageManager: manager }) =>
      manager
        ? [
            {
              id: manager.id,
              language: id,
              description: manager.description ?? `Packages for ${id}.`,
              aliases: manager.aliases,
              servesEveryImage: manager.servesEveryImage,
            },
          ]
        : [],
    ),
  };
}
