/** GraphQL Armor's document limits (aliases, depth, tokens, directives, no field suggestions), answered with the contract's code. */
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import type { GraphQLError, ValidationContext } from "graphql";
import type { GraphQLLimits } from "../config.js";
import { refusal } from "../graphql-errors.js";

/** Armor's message ("Syntax Error: Aliases limit of 15 exceeded, found 50.") with what is accepted and the setting. */
function limitRefusal(error: GraphQLError, accepted: string, setting: string): GraphQLError {
  const found = error.message.replace(/^Syntax Error: /, "").replace(/\.$/, "");
  return refusal("LIMIT_EXCEEDED", `${found}: a document may have at most ${accepted} (${setting}).`);
}

/** A validation limit reports its refusal among the validation errors, so graphql-ws answers the operation alone. */
function reported(accepted: string, setting: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(limitRefusal(error, accepted, setting)),
    ],
  };
}

export function useDocumentArmor(limits: GraphQLLimits) {
  return EnvelopArmorPlugin({
    blockFieldSuggestion: { enabled: true },
    // Cost is counted per field by Pothos' complexity plugin (see run-limit.ts).
    costLimit: { enabled: false },
    maxAliases: { n: limits.maxAliases, ...reported(`${limits.maxAliases} aliases`, "GRAPHQL_MAX_ALIASES") },
    maxDepth: { n: limits.maxDepth, ...reported(`depth ${limits.maxDepth}`, "GRAPHQL_MAX_DEPTH") },
    maxDirectives: {
      n: limits.maxDirectives,
      ...reported(`${limits.maxDirectives} directives`, "GRAPHQL_MAX_DIRECTIVES"),
    },
    // The parser must stop at the limit, so this one throws (a parse error, as a syntax error is).
    maxTokens: {
      n: limits.maxTokens,
      onReject: [
        (_context, error) => {
          throw limitRefusal(error, `${limits.maxTokens} tokens`, "GRAPHQL_MAX_TOKENS");
        },
      ],
    },
  });
}
