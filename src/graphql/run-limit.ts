/**
 * One document may start only a few containers: each field that starts one carries RUN_COST in
 * Pothos' complexity plugin, every other field costs nothing, and a document whose cost (aliases
 * counted) passes the limit is refused before anything executes, over HTTP and graphql-ws alike.
 */
import { createComplexityRule } from "@pothos/plugin-complexity";
import { type ExecutionArgs, type GraphQLError, validate } from "graphql";
import type { Plugin } from "graphql-yoga";
import { refusal } from "../graphql-errors.js";

/**
 * The complexity of a field that starts a container: execute, executeFile, run, createImage,
 * installPackages. Pothos counts 1 for each introspection field (__typename); this is more than a
 * document can hold of them (GRAPHQL_MAX_TOKENS is at most 100,000), so they never add up to a run.
 */
export const RUN_COST = 1_000_000;

/** How many containers the chosen operation would start; null when it cannot be told (execution reports why). */
function runsOf(args: ExecutionArgs): number | null {
  let runs: number | null = null;
  const rule = createComplexityRule({
    context: (args.contextValue ?? {}) as object,
    variableValues: args.variableValues ?? {},
    operationName: args.operationName,
    validate: ({ complexity }) => {
      runs = Math.floor(complexity / RUN_COST);
    },
  });
  validate(args.schema, args.document, [rule]);
  return runs;
}

export function useRunLimit(maxRuns: number): Plugin {
  const check = (args: ExecutionArgs, stop: (result: { errors: GraphQLError[] }) => void) => {
    const runs = runsOf(args);
    if (runs !== null && runs > maxRuns) {
      stop({
        errors: [
          refusal(
            "LIMIT_EXCEEDED",
            `This document would start ${runs} runs (execute, executeFile, run, createImage and installPackages each start one); a document may start at most ${maxRuns} (GRAPHQL_MAX_RUNS_PER_DOCUMENT).`,
          ),
        ],
      });
    }
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
  };
}
