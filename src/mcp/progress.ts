/** Progress notifications for a tool call whose client sent a progress token (none otherwise). */
import type { ServerContext } from "@modelcontextprotocol/server";

/** What a tool handler gets besides its arguments: the request's metadata, signal and auth info. */
export type ToolContext = ServerContext;

export function progressReporter(context: ToolContext): (message: string) => Promise<void> {
  const token = context.mcpReq._meta?.progressToken;
  let progress = 0;
  return async (message) => {
    if (token === undefined) return;
    progress += 1;
    await context.mcpReq.notify({
      method: "notifications/progress",
      params: { progressToken: token, progress, message },
    });
  };
}
