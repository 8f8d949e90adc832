/**
 * The seed's names in a REST body: its scripts send "python", "node", "javascript", "csharp",
 * "bash" (any case), where GraphQL takes the enum values; package managers likewise ("pip",
 * "npm"). Mapped with the CLI's and MCP's alias resolver before GraphQL coerces the input; a value
 * that is not a string is left for GraphQL to refuse.
 */
import { languageFromAlias, managerFromAlias } from "../languages/aliases.js";

const byAlias = (resolve: (alias: string) => string) => (value: unknown) =>
  typeof value === "string" ? resolve(value) : value;
const language = byAlias(languageFromAlias);
const manager = byAlias(managerFromAlias);

/** The body with its language and manager names as the schema's enum values. */
export function withEnumNames(body: Record<string, unknown>): Record<string, unknown> {
  const named = { ...body };
  if (named.language !== undefined && named.language !== null) named.language = language(named.language);
  if (Array.isArray(named.languages)) named.languages = named.languages.map(language);
  if (named.manager !== undefined && named.manager !== null) named.manager = manager(named.manager);
  return named;
}

/** A query parameter's language, or null when it is absent. */
export const languageParam = (value: string | null): string | null =>
  value === null ? null : languageFromAlias(value);
