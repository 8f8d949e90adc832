/**
 * MCP over Streamable HTTP at /mcp, on the GraphQL server's port. Sessions are stateful (the
 * SDK's transport per session), so that a client's cancellation reaches the call it cancels.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { Config } from "../config.js";
import type { LanguageCatalog } from "../domain/languages.js";
import type { Actor } from "../domain/principal.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services/index.js";
import { callerFrom } from "./caller.js";
import { buildMcpServer } from "./server.js";

export const MCP_PATH = "/mcp";
const MAX_BODY_BYTES = 4 * 1024 * 1024;

function reply(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

/** The client's own mistake in a request (too large, not JSON): answered 400 with what is wrong. */
class BadMcpRequest extends Error {}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new BadMcpRequest(`LIMIT_EXCEEDED: the request body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadMcpRequest("BAD_USER_INPUT: the request body is not JSON");
  }
}

/**
 * Handles /mcp requests; the app's request guard and authentication have let them through already
 * (a bearer key or a session cookie, as for GraphQL). A session stays with the principal that
 * opened it, and each call acts as the key it came with.
 */
export function createMcpHttpHandler(services: Services, config: Config, logger: Logger, catalog: LanguageCatalog) {
  const sessions = new Map<
    string,
    { transport: StreamableHTTPServerTransport; principalId: string; keyId: string | null; usedAt: number }
  >();
  // A revoked key's sessions end with it.
  const stopWatching = services.auth.onRevoked((keyId) => {
    for (const session of sessions.values()) {
      if (session.keyId === keyId) void session.transport.close();
    }
  });

  // A client that went away without DELETE /mcp leaves its session: it ends after MCP_SESSION_IDLE_MS.
  const idleSweep = setInterval(
    () => {
      const before = Date.now() - config.mcpSessions.idleMs;
      for (const session of sessions.values()) if (session.usedAt < before) void session.transport.close();
    },
    Math.min(config.mcpSessions.idleMs, 60_000),
  );
  idleSweep.unref();

  return {
    /** Serves one request of `actor`, whom the app has authenticated already (as for GraphQL). */
    async handle(
      request: IncomingMessage & { auth?: AuthInfo },
      response: ServerResponse,
      actor: Actor,
    ): Promise<void> {
      request.auth = { token: "", clientId: actor.principalId, scopes: [], extra: { actor } };
      try {
        const sessionId = request.headers["mcp-session-id"];
        const session = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
        // Another principal's session id names no session for this caller.
        const existing = session?.principalId === actor.principalId ? session.transport : undefined;
        if (session && existing) session.usedAt = Date.now();
        if (request.method !== "POST") {
          if (!existing) return reply(response, 400, "No valid MCP session: initialize first (POST).");
          return await existing.handleRequest(request, response);
        }
        const body = await readJson(request);
        if (existing) return await existing.handleRequest(request, response, body);
        if (!isInitializeRequest(body)) return reply(response, 400, "No valid MCP session: initialize first.");
        const held = [...sessions.values()].filter((item) => item.principalId === actor.principalId).length;
        if (held >= config.mcpSessions.perPrincipal) {
          return reply(
            response,
            429,
            `QUOTA_EXCEEDED: this principal holds ${held} MCP sessions, the most it may (MCP_MAX_SESSIONS_PER_PRINCIPAL); close one (DELETE /mcp) first.`,
          );
        }
        const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => {
            sessions.set(id, { transport, principalId: actor.principalId, keyId: actor.keyId, usedAt: Date.now() });
          },
        });
        transport.onclose = () => {
          if (transport.sessionId) sessions.delete(transport.sessionId);
        };
        await buildMcpServer(services, {
          waitBoundMs: config.mcpWaitMs,
          callerOf: callerFrom(() => actor),
          logger,
          catalog,
        }).connect(transport);
        await transport.handleRequest(request, response, body);
      } catch (error) {
        if (error instanceof BadMcpRequest) {
          if (!response.headersSent) reply(response, 400, error.message);
          return;
        }
        logger.error("MCP request failed", {
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        if (!response.headersSent)
          reply(response, 500, "INTERNAL_SERVER_ERROR: Unexpected error; the server's log has the details.");
      }
    },

    /** Closes every session (their calls in flight are cancelled). */
    async close(): Promise<void> {
      stopWatching();
      clearInterval(idleSweep);
      await Promise.all([...sessions.values()].map(({ transport }) => transport.close()));
      sessions.clear();
    },
  };
}
