/** Names the CLI accepts for languages and package managers, mapped to the API's enums. */
import type { LanguageId, PackageManagerId } from "../languages/index.js";

const LANGUAGE_ALIASES: Record<string, LanguageId> = {
  python: "PYTHON",
  py: "PYTHON",
  node: "NODE",
  js: "NODE",
  javascript: "NODE",
  csharp: "CSHARP",
  cs: "CSHARP",
  "c#": "CSHARP",
  dotnet: "CSHARP",
  bash: "BASH",
  sh: "BASH",
};

const MANAGER_ALIASES: Record<string, PackageManagerId> = {
  python: "PIP",
  pip: "PIP",
  node: "NPM",
  npm: "NPM",
  csharp: "NUGET",
  nuget: "NUGET",
  dotnet: "NUGET",
  apt: "APT",
  system: "APT",
};

export function languageFromAlias(alias: string): LanguageId {
  const language = LANGUAGE_ALIASES[alias.toLowerCase()];
  if (!language) {
    throw new Error(
      `unknown language ${JSON.stringify(alias)}: give one of ${Object.keys(LANGUAGE_ALIASES).join(", ")}`,
    );
  }
  return language;
}

export function managerFromAlias(alias: string): PackageManagerId {
  const manager = MANAGER_ALIASES[alias.toLowerCase()];
  if (!manager) {
    throw new Error(
      `unknown language or package manager ${JSON.stringify(alias)}: give one of ${Object.keys(MANAGER_ALIASES).join(", ")}`,
    );
  }
  return manager;
}
