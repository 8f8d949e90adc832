/** Advisory findings on code before it runs; they warn, they never refuse (the sandbox enforces). */
import type { LanguageDefinition } from "../languages/index.js";

export function analyzeCode(language: LanguageDefinition, code: string): string[] {
  const found = language.analysisRules.filter((rule) => rule.pattern.test(code)).map((rule) => rule.warning);
  return [...new Set(found)];
}
