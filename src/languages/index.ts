/** The registry of supported languages. */
import { bash } from "./bash.js";
import { csharp } from "./csharp.js";
import type { LanguageDefinition, LanguageId } from "./language.js";
import { node } from "./node.js";
import { python } from "./python.js";

export * from "./language.js";

export const LANGUAGES: readonly LanguageDefinition[] = [python, node, csharp, bash];

export function languageById(id: LanguageId): LanguageDefinition {
  const language = LANGUAGES.find((candidate) => candidate.id === id);
  if (!language) throw new Error(`unknown language ${id}`);
  return language;
}
