/**
 * How errors reach GraphQL clients. A ServiceError becomes a GraphQL error with the contract's
 * `extensions.code`; anything else is logged here and masked, so no stack trace reaches a client.
 */
import { GraphQLError } from "graphql";
import { maskError as yogaMaskError } from "graphql-yoga";
import { ServiceError } from "./domain/errors.js";
import type { Logger } from "./logger.js";

export function createErrorMasker(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof ServiceError) {
      // Already located and carrying the code (see ServiceError.extensions): returned as it is.
      return error instanceof GraphQLError
        ? error
        : new GraphQLError(original.message, { extensions: original.extensions });
    }
    if (original instanceof GraphQLError && original.extensions?.code) return original;
    logger.error("unexpected error in a GraphQL operation", {
      error: original instanceof Error ? (original.stack ?? original.message) : String(original),
    });
    return yogaMaskError(error, message, false);
  };
}
