/**
 * The ids of the languages and package managers the API knows. The contract's Language and
 * PackageManager enums hold the built-in ones below (what schema.graphql prints); the registry
 * (src/languages/index.ts) adds the values of other bundled languages and of the plugins loaded
 * from LANGUAGE_PLUGINS_DIR at start, so at the type level an id is a string. What each language
 * *is* (recipe, run command, manager) lives in src/languages.
 */
export const LANGUAGE_IDS = ["PYTHON", "NODE", "CSHARP", "BASH"] as const;
/** A Language enum value: a built-in one or one a plugin registered at start. */
export type LanguageId = string;

export const PACKAGE_MANAGERS = ["PIP", "NPM", "NUGET", "APT"] as const;
/** A PackageManager enum value: a built-in one or one a plugin registered at start. */
export type PackageManagerId = string;
