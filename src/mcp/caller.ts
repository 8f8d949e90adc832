/**
 * Who a tool call acts as, and what every tool needs. Over HTTP the handler authenticates each request and hands the actor to
 * the SDK as the request's auth info; over stdio there is none, and the server's local admin acts.
 */
import type { LanguageCatalog } from "../domain/languages.js";
import type { Actor } from "../domain/principal.js";
import type { ToolExtra } from "./progress.js";
import type { Answer } from "./tool-results.js";

export type CallerOf = (extra: ToolExtra) => Actor;

export function callerFrom(fallback: () => Actor): CallerOf {
  return (extra) => (extra.authInfo?.extra?.actor as Actor | undefined) ?? fallback();
}

/** What every tool needs besides the services: who calls, how a call answers, and the languages it names. */
export interface ToolKit {
  callerOf: CallerOf;
  answer: Answer;
  /** The server's languages and package managers, plugins included (see domain/languages.ts). */
  catalog: LanguageCatalog;
}
