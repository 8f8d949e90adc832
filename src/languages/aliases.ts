/**
 * Names people and models use for languages and package managers (any case), mapped to the
 * API's enums: the CLI's arguments and the MCP tools' inputs.
 */
import { ServiceError } from "../domain/errors.js";
import { LANGUAGES } from "./index.js";
import type { LanguageId, PackageManagerId } from "./language.js";

/** Each language's id in lower case, then its own aliases (read at each call: plugins register at start). */
const languageAliasMap = (): Record<string, LanguageId> =>
  Object.fromEntries(
    LANGUAGES.flatMap((language) =>
      [language.id.toLowerCase(), ...language.aliases].map((alias) => [alias, language.id]),
    ),
  );

/** Each manager's id and its language's id in lower case, then the manager's own aliases. */
const managerAliasMap = (): Record<string, PackageManagerId> =>
  Object.fromEntries(
    LANGUAGES.flatMap(({ id, packageManager: manager }) =>
      manager
        ? [manager.id.toLowerCase(), id.toLowerCase(), ...manager.aliases].map((alias) => [alias, manager.id])
        : [],
    ),
  );

/** Every name languageFromAlias takes, in lower case (any case is accepted). */
export const languageAliases = (): string[] => Object.keys(languageAliasMap());

/** Every name managerFromAlias takes, in lower case (any case is accepted). */
export const managerAliases = (): string[] => Object.keys(managerAliasMap());

export function languageFromAlias(alias: string): LanguageId {
  const aliases = languageAliasMap();
  const key = alias.toLowerCase();
  const language = Object.hasOwn(aliases, key) ? aliases[key] : undefined;
  if (!language) {
    throw new ServiceError(
      "BAD_USER_INPUT",
      `language: unknown language ${JSON.stringify(alias)}: give one of ${Object.keys(aliases).join(", ")}`,
    );
  }
  return language;
}

export function managerFromAlias(alias: string): PackageManagerId {
  const aliases = managerAliasMap();
  const key = alias.toLowerCase();
  const manager = Object.hasOwn(aliases, key) ? aliases[key] : undefined;
  if (!manager) {
    throw new ServiceError(
      "BAD_USER_INPUT",
      `manager: unknown language or package manager ${JSON.stringify(alias)}: give one of ${Object.keys(aliases).join(", ")}`,
    );
  }
  return manager;
}
