/**
 * The ids of the languages and package managers the API knows: the contract's Language and
 * PackageManager enums. What each language *is* (recipe, run command, manager) lives in src/languages.
 */
export const LANGUAGE_IDS = ["PYTHON", "NODE", "CSHARP", "BASH"] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

export const PACKAGE_MANAGERS = ["PIP", "NPM", "NUGET", "APT"] as const;
export type PackageManagerId = (typeof PACKAGE_MANAGERS)[number];
