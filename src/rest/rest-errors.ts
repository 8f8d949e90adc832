/**
 * How the REST API refuses: `{ error: { code, message } }` with the HTTP status of the contract's
 * code, never a stack trace. A fault of ours arrives here already masked (Yoga's masker logged it).
 */
import type { ServerResponse } from "node:http";
import type { GraphQLError } from "graphql";
import { type ErrorCode, ServiceError } from "../domain/errors.js";

/** Ours beside the contract's: a fault of the server, masked. */
export type RestErrorCode = ErrorCode | "INTERNAL_SERVER_ERROR";

export const STATUS_OF_CODE: Record<RestErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  // Past a size or a limit of the server: a body, a file, a run's limits.
  LIMIT_EXCEEDED: 413,
  QUOTA_EXCEEDED: 429,
  INTERNAL_SERVER_ERROR: 500,
  DOCKER_UNAVAILABLE: 503,
  // The image is still building (or failed): the request may succeed later, as with 503.
  IMAGE_NOT_READY: 503,
};

export class RestError extends Error {
  constructor(
    readonly code: RestErrorCode,
    message: string,
    readonly status: number = STATUS_OF_CODE[code],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "RestError";
  }
}

const isRestCode = (code: unknown): code is RestErrorCode =>
  typeof code === "string" && Object.hasOwn(STATUS_OF_CODE, code);

/**
 * A GraphQL error as a REST refusal: its contract code (and the HTTP status a plugin chose, such as
 * 405); one without a code is the request's own fault (a variable of the wrong type).
 */
export function restErrorOf(error: GraphQLError): RestError {
  const code = error.extensions?.code;
  const http = error.extensions?.http as { status?: number; headers?: Record<string, string> } | undefined;
  if (!isRestCode(code)) return new RestError("BAD_USER_INPUT", error.message);
  return new RestError(code, error.message, http?.status ?? STATUS_OF_CODE[code], http?.headers ?? {});
}

/** A refusal thrown below the GraphQL layer (a service, an alias) or by the REST layer itself; null for a fault. */
export function refusalOf(error: unknown): RestError | null {
  if (error instanceof RestError) return error;
  if (error instanceof ServiceError) return new RestError(error.code, error.message);
  return null;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  response.end(JSON.stringify(body));
}

export function sendRestError(response: ServerResponse, error: RestError): void {
  sendJson(response, error.status, { error: { code: error.code, message: error.message } }, error.headers);
}
