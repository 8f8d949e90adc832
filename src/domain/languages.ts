/**
 * The languages and package managers as the API layers describe them: ids, and a catalog of plain
 * data that the composition root takes from the registry (src/languages) once the plugins of
 * LANGUAGE_PLUGINS_DIR are registered, and hands to what builds enums, inputs and descriptions. What
 * each language *is* (recipe, run command, manager) lives in src/languages.
 */

/** A Language enum value: a bundled language's, or one a plugin registered at start. */
export type LanguageId = string;

/** A PackageManager enum value: a bundled manager's, or one a plugin registered at start. */
export type PackageManagerId = string;

export interface CatalogLanguage {
  id: LanguageId;
  /** What people call it: "Node.js", "C#". */
  name: string;
  /** Its Language enum value's description. */
  description: string;
  /** Other names the CLI, MCP and REST accept (lower case); its id in lower case always works. */
  aliases: readonly string[];
  /** The extensions that name it, its source files' first. */
  fileExtensions: readonly string[];
  /** The version lines an image can carry ("22", "24"). */
  versionLines: readonly string[];
  packageManager: PackageManagerId | null;
}

export interface CatalogManager {
  id: PackageManagerId;
  /** The language that owns it. */
  language: LanguageId;
  /** Its PackageManager enum value's description. */
  description: string;
  /** Other names for it (lower case); its id and its language's, in lower case, always work. */
  aliases: readonly string[];
  /** True when it installs into every image, whatever its languages (APT). */
  servesEveryImage: boolean;
}

/** Every registered language and package manager, in recipe order. */
export interface LanguageCatalog {
  languages: readonly CatalogLanguage[];
  managers: readonly CatalogManager[];
}
