/** How tool calls answer: a short text summary plus structured content, or an isError result with our code. */
import type { CallToolResult } from "@modelcontextprotocol/server";
import { z } from "zod";
import { ServiceError } from "../domain/errors.js";
import type { Logger } from "../logger.js";

/** A date in structured content, which is JSON: an ISO-8601 string (Date.toISOString). */
export const isoDate = z.iso.datetime();

export function success(summary: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: summary }], structuredContent: structured };
}

/** Runs a tool's work, answering a refused or failed call as an isError result. */
export type Answer = (work: () => Promise<CallToolResult>) => Promise<CallToolResult>;

/**
 * A refusal answers with its contract code and message; any other failure is ours: it is logged
 * with its stack, and the caller gets a masked message, as GraphQL's masked errors do.
 */
export function answerWith(logger: Logger): Answer {
  return async (work) => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ServiceError) {
        return { content: [{ type: "text", text: `${error.code}: ${error.message}` }], isError: true };
      }
      logger.error("unexpected error in an MCP tool call", {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      const text = "INTERNAL_SERVER_ERROR: Unexpected error; the server's log has the details.";
      return { content: [{ type: "text", text }], isError: true };
    }
  };
}
