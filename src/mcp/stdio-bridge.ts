/**
 * MCP stdio relayed to a running server's /mcp: when a server holds the data folder, an `mcp` stdio
 * process passes messages both ways instead of running a second service stack on the same folder.
 * Both eras pass: a 2025-era client's session is the HTTP transport's, and a 2026-07-28 client's
 * requests carry their own `_meta` (the transport derives their headers from it).
 */
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import {
  isInitializeRequest,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResponse,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  PROTOCOL_VERSION_META_KEY,
  ProtocolErrorCode,
  type RequestId,
} from "@modelcontextprotocol/server";
import { StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import { messageOf } from "../domain/errors.js";
import type { Logger } from "../logger.js";

/** Relays between this process's stdio and `mcpUrl` until either side closes (stdin ends, a signal). */
export async function bridgeStdioToHttp(mcpUrl: URL, headers: Record<string, string>, logger: Logger): Promise<void> {
  const stdio = new StdioServerTransport();
  const http = new StreamableHTTPClientTransport(mcpUrl, { requestInit: { headers } });
  let initializeId: RequestId | null = null;
  // 2026-07-28 cancels a request by closing its HTTP request, not with notifications/cancelled.
  const modernInFlight = new Map<RequestId, AbortController>();

  const toClient = (message: JSONRPCMessage) =>
    stdio.send(message).catch((error) => logger.error(`MCP bridge: writing to stdout failed: ${messageOf(error)}`));

  stdio.onerror = (error) => logger.error(`MCP bridge: stdio: ${messageOf(error)}`);
  http.onerror = (error) => logger.error(`MCP bridge: ${mcpUrl.href}: ${messageOf(error)}`);

  // Settles once the server has answered initialize (and named the session): what follows waits for
  // it, so that no message goes out without the session. After that, messages go out at once, in order.
  let initialized: Promise<unknown> = Promise.resolve();
  stdio.onmessage = (message) => {
    let sending: Promise<void>;
    if (isInitializeRequest(message) && isJSONRPCRequest(message)) {
      initializeId = message.id;
      sending = http.send(message);
      // Its failure is answered below; what waits on it goes out anyway, and fails on its own.
      initialized = sending.catch(() => undefined);
    } else if (isJSONRPCRequest(message) && message.params?._meta?.[PROTOCOL_VERSION_META_KEY] !== undefined) {
      const request = new AbortController();
      modernInFlight.set(message.id, request);
      sending = http.send(message, { requestSignal: request.signal });
    } else if (isJSONRPCNotification(message) && message.method === "notifications/cancelled") {
      const cancelled = modernInFlight.get(message.params?.requestId as RequestId);
      sending = cancelled ? Promise.resolve(cancelled.abort()) : initialized.then(() => http.send(message));
    } else {
      sending = initialized.then(() => http.send(message));
    }
    sending.catch((error) => {
      // http.onerror has logged it; a request still needs an answer, or the client would wait forever
      // (one it cancelled does not: the client has given up on it).
      if (!isJSONRPCRequest(message)) return;
      const cancelled = modernInFlight.get(message.id)?.signal.aborted;
      modernInFlight.delete(message.id);
      if (cancelled) return;
      void toClient({
        jsonrpc: "2.0",
        id: message.id,
        error: {
          code: ProtocolErrorCode.InternalError,
          message:
            `the mcp-docker-executor server at ${mcpUrl.href} did not take the request (${messageOf(error)}); ` +
            "if that server has stopped, restart this MCP server to have it run its own.",
        },
      });
    });
  };
  http.onmessage = (message) => {
    if (isJSONRPCResponse(message) && message.id !== undefined) modernInFlight.delete(message.id);
    // What the SDK's Client does after initialize: later requests name the negotiated version.
    if (isJSONRPCResultResponse(message) && message.id === initializeId) {
      const version = message.result.protocolVersion;
      if (typeof version === "string") http.setProtocolVersion(version);
    }
    void toClient(message);
  };

  const closed = new Promise<void>((resolve) => {
    let closing = false;
    const closeBoth = async () => {
      if (closing) return;
      closing = true;
      // Ends the server's session (and its calls in flight) rather than leaving it to linger.
      await http.terminateSession().catch(() => {
        // http.onerror has logged it; the server may be gone already, and closing goes on regardless.
      });
      await http.close();
      await stdio.close();
      resolve();
    };
    stdio.onclose = () => void closeBoth();
    http.onclose = () => void closeBoth();
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void closeBoth());
    process.stdin.once("end", () => void closeBoth());
  });

  await http.start();
  await stdio.start();
  logger.info(`MCP on stdio, relayed to ${mcpUrl.href}`);
  await closed;
}
