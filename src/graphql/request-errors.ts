/**
 * graphql-js's and Yoga's own refusals of a request (its syntax, its validation, a variable's value
 * that does not fit its type, a request refused at the HTTP level) in the contract's terms: one of
 * its codes, and no hint at a name of the schema. They are the caller's mistakes, not faults of
 * ours, so they are logged without a stack (see graphql-errors.ts).
 */
import type { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { type ErrorCode, isErrorCode } from "../domain/errors.js";

/** graphql-js's hint ("Did you mean "imageId"?", "Did you mean the enum value "PYTHON"?"): hidden. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The contract's code for a refusal with this HTTP status (CSRF, method, body, syntax, validation). */
function codeOfStatus(status: number): ErrorCode {
  if (status === 403) return "FORBIDDEN";
  if (status === 413) return "LIMIT_EXCEEDED";
  return "BAD_USER_INPUT";
}

/**
 * Gives `error` a contract code (it keeps one it has, such as GraphQL Armor's LIMIT_EXCEEDED; Yoga's
 * GRAPHQL_VALIDATION_FAILED and the like are replaced) and drops its suggestions. The same object
 * is changed: Yoga logs an error its masker replaces by another as an internal one.
 */
export function asContractRefusal(error: GraphQLError): GraphQLError {
  error.message = error.message.replace(SUGGESTION, "");
  if (!isErrorCode(error.extensions.code)) {
    const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
    Object.assign(error.extensions, { code: codeOfStatus(status) });
  }
  return error;
}

/** Validation errors reach the client without passing the masker: they get the contract's terms here. */
export function useContractRefusals(): Plugin {
  return {
    onValidate:
      () =>
      ({ valid, result }) => {
        if (!valid) for (const error of result) asContractRefusal(error);
      },
  };
}
