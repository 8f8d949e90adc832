/**
 * Runs a REST route's GraphQL document as the caller, through Yoga's envelop as graphql-ws does:
 * the same schema, resolvers, context (services and actor), plugins and error masking as a
 * GraphQL request. The documents are the REST layer's own, parsed and validated once; a request's
 * values arrive only as variables, coerced here first so that a wrong one is the caller's 400.
 */
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
} from "graphql";
import type { YogaServerInstance } from "graphql-yoga";
import type { AppContext } from "../context.js";
import type { Actor } from "../domain/principal.js";
import { RestError, restErrorOf } from "./rest-errors.js";

/** A document of the REST layer, checked against the schema when it is made (a mistake fails at start). */
export function restDocument(schema: GraphQLSchema, source: string): DocumentNode {
  const document = parse(source);
  const errors = validate(schema, document);
  if (errors.length > 0)
    throw new Error(`REST document ${source} is invalid: ${errors.map((e) => e.message).join("; ")}`);
  return document;
}

export interface GraphQLCaller {
  /** The operation's data; a refusal (the first error) throws a RestError. */
  execute(actor: Actor, document: DocumentNode, variables: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The subscription's results; a refusal before its first event throws a RestError. */
  subscribe(
    actor: Actor,
    document: DocumentNode,
    variables: Record<string, unknown>,
  ): Promise<AsyncGenerator<ExecutionResult, void, void>>;
}

const firstRefusal = (errors: readonly GraphQLError[]) => restErrorOf(errors[0] as GraphQLError);

export function createGraphQLCaller(yoga: YogaServerInstance<{ actor: Actor }, AppContext>): GraphQLCaller {
  async function prepare(actor: Actor, document: DocumentNode, variables: Record<string, unknown>) {
    // Yoga's own initial context for a request carries more; these are what our context and plugins read.
    const enveloped = yoga.getEnveloped({ actor } as Parameters<typeof yoga.getEnveloped>[0]);
    const definitions = getOperationAST(document)?.variableDefinitions ?? [];
    const coerced = getVariableValues(enveloped.schema, definitions, variables, { maxErrors: 1 });
    if (coerced.errors) throw firstRefusal(coerced.errors);
    return {
      enveloped,
      args: {
        schema: enveloped.schema,
        document,
        variableValues: variables,
        contextValue: await enveloped.contextFactory(),
      } satisfies ExecutionArgs,
    };
  }

  return {
    async execute(actor, document, variables) {
      const { enveloped, args } = await prepare(actor, document, variables);
      const result = (await enveloped.execute(args)) as ExecutionResult;
      if (result.errors?.length) throw firstRefusal(result.errors);
      if (!result.data) throw new RestError("INTERNAL_SERVER_ERROR", "The operation answered no data.");
      return result.data;
    },
    async subscribe(actor, document, variables) {
      const { enveloped, args } = await prepare(actor, document, variables);
      const result = (await enveloped.subscribe(args)) as ExecutionResult | AsyncGenerator<ExecutionResult, void, void>;
      if (Symbol.asyncIterator in result) return result;
      throw result.errors?.length
        ? firstRefusal(result.errors)
        : new RestError("INTERNAL_SERVER_ERROR", "The subscription did not start.");
    },
  };
}
