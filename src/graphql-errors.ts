/**
 * How errors reach GraphQL clients. A ServiceError becomes a GraphQL error with the contract's
 * `extensions.code`; anything else is logged here and masked, so no stack trace reaches a client.
 */

import { GraphQLError } from "graphql";
import { maskError as yogaMaskError } from "graphql-yoga";
import { type ErrorCode, isErrorCode, ServiceError } from "./domain/errors.js";
import { asContractRefusal } from "./graphql/request-errors.js";
import type { Logger } from "./logger.js";
import { isDiskFull } from "./store/database.js";

/** A refusal of a request (not a fault of ours): the contract's code, and an HTTP status when one applies. */
export function refusal(code: ErrorCode, message: string, http?: { status: number; headers?: Record<string, string> }) {
  return new GraphQLError(message, { extensions: http ? { code, http } : { code } });
}

/**
 * An error graphql-js or Yoga made about the request, not a fault of ours (see graphql/request-errors.ts):
 * one with a 4xx status, or one graphql-js made with no error under it (a variable's value).
 */
function isRequestError(error: unknown): error is GraphQLError {
  if (!(error instanceof GraphQLError)) return false;
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  return status === undefined ? error.originalError === undefined : status >= 400 && status < 500;
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
    if (original instanceof GraphQLError && isErrorCode(original.extensions?.code)) return original;
    if (isDiskFull(original) || (original as { code?: unknown } | null)?.code === "ENOSPC") {
      logger.warn("the data folder is full", { error: String(original) });
      return new GraphQLError(
        "The server's data folder (DATA_DIR) is full: nothing of this request was stored. Try again once space is freed; an operator frees it, or prunes with the RETAIN_* settings.",
        { extensions: { code: "LIMIT_EXCEEDED" satisfies ErrorCode } },
      );
    }
    if (isRequestError(original)) {
      logger.debug(`a request refused by GraphQL: ${asContractRefusal(original).message}`);
      return original;
    }
    logger.error("unexpected error in a GraphQL operation", {
      error: original instanceof Error ? (original.stack ?? original.message) : String(original),
    });
    return yogaMaskError(error, message, false);
  };
}
