/**
 * Errors a service refuses a request with. They carry one of the contract's codes; the GraphQL
 * layer turns them into GraphQL errors with `extensions.code`, the CLI and MCP print the code.
 * Any other error is a fault of ours and reaches a client only as a masked message.
 */
export const ERROR_CODES = [
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "LIMIT_EXCEEDED",
  "IMAGE_NOT_READY",
  "DOCKER_UNAVAILABLE",
  "UNAUTHENTICATED",
  // The caller is known but may not do this.
  "FORBIDDEN",
  // The caller's quota, or the server's queue, is used up.
  "QUOTA_EXCEEDED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (value: unknown): value is ErrorCode => (ERROR_CODES as readonly unknown[]).includes(value);

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }

  /** graphql-js copies an original error's `extensions` into the GraphQL error that wraps it. */
  get extensions(): { code: ErrorCode } {
    return { code: this.code };
  }
}

/** A setting or a language plugin that is not accepted: the start stops with its message (exit 1). */
export class ConfigError extends Error {}

/** What an error says, for a log line or a job's record: its message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
