/**
 * Names people and models use for languages and package managers (any case), mapped to the
 * API's enums: the CLI's arguments and the MCP tools' inputs.
 */
import { ServiceError } from "../domain/errors.js";
import type { LanguageId, PackageManagerId } from "./language.js";

const LANGUAGE_ALIASES: Record<string, LanguageId> = {
  python: "PYTHON",
  python3: "PYTHON",
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
  const key = alias.toLowerCase();
  const language = Object.hasOwn(LANGUAGE_ALIASES, key) ? LANGUAGE_ALIASES[key] : undefined;
  if (!language) {
    throw new ServiceError(
      "BAD_USER_INPUT",
      `language: unknown language ${JSON.stringify(alias)}: give one of ${Object.keys(LANGUAGE_ALIASES).join(", ")}`,
    );
  }
  return language;
}

export function managerFromAlias(alias: string): PackageManagerId {
  const key = alias.toLowerCase();
  const manager = Object.hasOwn(MANAGER_ALIASES, key) ? MANAGER_ALIASES[key] : undefined;
  if (!manager) {
    throw new ServiceError(
      "BAD_USER_INPUT",
      `manager: unknown language or package manager ${JSON.stringify(alias)}: give one of ${Object.keys(MANAGER_ALIASES).join(", ")}`,
    );
  }
  return manager;
}
