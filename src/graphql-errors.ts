/**
 * How errors reach GraphQL clients. A ServiceError becomes a GraphQL error with the contract's
 * `extensions.code`; anything else is logged here and masked, so no stack trace reaches a client.
 */

import { GraphQLError } from "graphql";
import { maskError as yogaMaskError } from "graphql-yoga";
import { type ErrorCode, ServiceError } from "./domain/errors.js";
import type { Logger } from "./logger.js";
import { isDiskFull } from "./store/database.js";

/** A refusal of a request (not a fault of ours): the contract's code, and an HTTP status when one applies. */
export function refusal(code: ErrorCode, message: string, http?: { status: number; headers?: Record<string, string> }) {
  return new GraphQLError(message, { extensions: http ? { code, http } : { code } });
}

/** The contract's code for a request Yoga refused at the HTTP level without one (CSRF, method, body). */
function codeOfHttpRefusal(status: number): ErrorCode {
  if (status === 403) return "FORBIDDEN";
  if (status === 413) return "LIMIT_EXCEEDED";
  return "BAD_USER_INPUT";
}

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
    if (isDiskFull(original) || (original as { code?: unknown } | null)?.code === "ENOSPC") {
      logger.warn("the data folder is full", { error: String(original) });
      return new GraphQLError(
        "The server's data folder (DATA_DIR) is full: nothing of this request was stored. Try again once space is freed; an operator frees it, or prunes with the RETAIN_* settings.",
        { extensions: { code: "LIMIT_EXCEEDED" satisfies ErrorCode } },
      );
    }
    const http =
      original instanceof GraphQLError ? (original.extensions?.http as { status?: number } | undefined) : undefined;
    if (original instanceof GraphQLError && http?.status !== undefined && http.status >= 400 && http.status < 500) {
      // The same object gains the code: Yoga logs an error its masker replaces as an internal one.
      Object.assign(original.extensions, { code: codeOfHttpRefusal(http.status) });
      return original;
    }
    logger.error("unexpected error in a GraphQL operation", {
      error: original instanceof Error ? (original.stack ?? original.message) : String(original),
    });
    return yogaMaskError(error, message, false);
  };
}
