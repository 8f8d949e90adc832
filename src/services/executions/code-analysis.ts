/** Advisory findings on code before it runs; they warn, they never refuse (the sandbox enforces). */
import type { Limits } from "../../domain/limits.js";
import type { LanguageDefinition } from "../../languages/index.js";

/** `limits`: the run's resolved limits, for rules that depend on them (a network call with the network off). */
export function analyzeCode(language: LanguageDefinition, code: string, limits: Pick<Limits, "network">): string[] {
  const found = language.analysisRules
    .filter((rule) => (rule.network === undefined || rule.network === limits.network) && rule.pattern.test(code))
    .map((rule) => rule.warning);
  return [...new Set(found)];
}
