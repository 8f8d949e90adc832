/** Progress notifications for a tool call whose client sent a progress token (none otherwise). */
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export function progressReporter(extra: ToolExtra): (message: string) => Promise<void> {
  const token = extra._meta?.progressToken;
  let progress = 0;
  return async (message) => {
    if (token === undefined) return;
    progress += 1;
    await extra.sendNotification({
      method: "notifications/progress",
      params: { progressToken: token, progress, message },
    });
  };
}
