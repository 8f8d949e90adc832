/**
 * The CLI's names for languages and package managers. Its documents are typed from schema.graphql,
 * whose enums hold the built-in values, but the server may have more (plugins from its
 * LANGUAGE_PLUGINS_DIR), which this process does not load: a name the CLI knows gives its value, any
 * other word goes to the server in upper case, and the server refuses it when it has no such value.
 */
import { languageFromAlias, managerFromAlias } from "../languages/aliases.js";
import type { introspection_types } from "./graphql-env.js";

type Language = introspection_types["Language"]["enumValues"];
type PackageManager = introspection_types["PackageManager"]["enumValues"];

/** What could be an enum value of a plugin (see plugin-schema.ts). */
const ENUM_WORD = /^[A-Za-z][A-Za-z0-9_]*$/;

function knownOrUpperCase(resolve: (name: string) => string, name: string): string {
  try {
    return resolve(name);
  } catch (error) {
    if (ENUM_WORD.test(name)) return name.toUpperCase();
    throw error;
  }
}

export const languageArgument = (name: string): Language => knownOrUpperCase(languageFromAlias, name) as Language;

export const managerArgument = (name: string): PackageManager =>
  knownOrUpperCase(managerFromAlias, name) as PackageManager;
