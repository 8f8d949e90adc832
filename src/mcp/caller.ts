/**
 * Who a tool call acts as, and what every tool needs. Over HTTP the handler authenticates each request and hands the actor to
 * the SDK as the request's auth info; over stdio there is none, and the server's local admin acts.
 */
import type { LanguageCatalog } from "../domain/languages.js";
import type { Actor } from "../domain/principal.js";
import type { ToolContext } from "./progress.js";
import type { StrictTool } from "./strict-tool.js";

export type CallerOf = (context: ToolContext) => Actor;

export function callerFrom(fallback: () => Actor): CallerOf {
  return (context) => (context.http?.authInfo?.extra?.actor as Actor | undefined) ?? fallback();
}

/** What every tool needs besides the services: how it registers, who calls, and the languages it names. */
export interface ToolKit {
  /** Registers a tool with strict arguments, answering refusals and failures with their code. */
  tool: StrictTool;
  callerOf: CallerOf;
  /** The server's languages and package managers, plugins included (see domain/languages.ts). */
  catalog: LanguageCatalog;
}
