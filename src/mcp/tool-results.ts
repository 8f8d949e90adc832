/** How tool calls answer: a short text summary plus structured content, or an isError result with our code. */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ServiceError } from "../domain/errors.js";

export function success(summary: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: summary }], structuredContent: structured };
}

export function failure(error: unknown): CallToolResult {
  const text =
    error instanceof ServiceError
      ? `${error.code}: ${error.message}`
      : `INTERNAL_ERROR: the service failed (${error instanceof Error ? error.message : String(error)})`;
  return { content: [{ type: "text", text }], isError: true };
}

/** Runs a tool's work, answering a refused or failed call as an isError result. */
export async function answer(work: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await work();
  } catch (error) {
    return failure(error);
  }
}
