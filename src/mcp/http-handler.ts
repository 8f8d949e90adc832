/**
 * MCP over Streamable HTTP at /mcp, on the GraphQL server's port, in both eras of the protocol:
 * revision 2026-07-28 is stateless (every request carries its own `_meta`, served by a fresh
 * server from the SDK's handler), and 2025-era clients get sessions (see legacy-sessions.ts), so
 * that a client's cancellation reaches the call it cancels. Both eras run the same tools.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { NodeStreamableHTTPServerTransport, toNodeHandler, toWebRequest } from "@modelcontextprotocol/node";
import { type AuthInfo, createMcpHandler, isInitializeRequest, isLegacyRequest } from "@modelcontextprotocol/server";
import type { Config } from "../config.js";
import type { LanguageCatalog } from "../domain/languages.js";
import type { Actor } from "../domain/principal.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services/index.js";
import { callerFrom } from "./caller.js";
import { createLegacySessions, SessionsBusy } from "./legacy-sessions.js";
import { buildMcpServer } from "./server.js";

export const MCP_PATH = "/mcp";
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** JSON-RPC's "session not found" (what tells a 2025-era client to initialize again), as the SDK's guide has it. */
const SESSION_NOT_FOUND = -32001;

function reply(response: ServerResponse, status: number, message: string, code = -32000): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

/** The client's own mistake in a request (too large, not JSON): answered 400 with what is wrong. */
class BadMcpRequest extends Error {}

/** A POST's body as JSON (undefined when empty: the SDK answers that itself). */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new BadMcpRequest(`LIMIT_EXCEEDED: the request body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadMcpRequest("BAD_USER_INPUT: the request body is not JSON");
  }
}

/**
 * Handles /mcp requests; the app's request guard and authentication have let them through already
 * (a bearer key or a session cookie, as for GraphQL). Each call acts as the key it came with.
 */
export function createMcpHttpHandler(services: Services, config: Config, logger: Logger, catalog: LanguageCatalog) {
  const serverFor = (actor: Actor) =>
    buildMcpServer(services, {
      waitBoundMs: config.mcpWaitMs,
      callerOf: callerFrom(() => actor),
      logger,
      catalog,
    });
  const actorOf = (auth: AuthInfo | undefined) => auth?.extra?.actor as Actor;

  const modern = createMcpHandler(({ authInfo }) => serverFor(actorOf(authInfo)), {
    legacy: "reject",
    onerror: (error) => logger.debug(`MCP request refused: ${error.message}`),
  });
  const serveModern = toNodeHandler(modern);

  const sessions = createLegacySessions(config.mcpSessions, logger);
  // A revoked key's sessions end with it.
  const stopWatching = services.auth.onRevoked((keyId) => sessions.closeKey(keyId));

  /** A 2025-era request: to the session it names, or an initialize that opens one. */
  async function serveLegacy(request: IncomingMessage, response: ServerResponse, body: unknown, actor: Actor) {
    const sessionId = request.headers["mcp-session-id"];
    const named = typeof sessionId === "string" ? sessionId : undefined;
    const session = sessions.find(named, actor);
    if (session) {
      // A GET is the session's notification stream, open for as long as the client listens: not a request in flight.
      if (request.method === "POST") response.once("close", sessions.use(session));
      return session.transport.handleRequest(request, response, body);
    }
    if (named !== undefined) {
      return reply(
        response,
        404,
        "NOT_FOUND: no such MCP session: it was closed (DELETE /mcp), idle for MCP_SESSION_IDLE_MS, or closed to make room for a newer session of this principal; initialize a new one.",
        SESSION_NOT_FOUND,
      );
    }
    if (request.method !== "POST" || !isInitializeRequest(body)) {
      return reply(
        response,
        400,
        "BAD_USER_INPUT: no MCP session: send initialize first (a POST without Mcp-Session-Id), or use revision 2026-07-28, which needs none.",
      );
    }
    sessions.makeRoom(actor);
    const transport: NodeStreamableHTTPServerTransport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => sessions.add(id, transport, actor),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.remove(transport.sessionId);
    };
    await serverFor(actor).connect(transport);
    await transport.handleRequest(request, response, body);
  }

  return {
    /** Serves one request of `actor`, whom the app has authenticated already (as for GraphQL). */
    async handle(
      request: IncomingMessage & { auth?: AuthInfo },
      response: ServerResponse,
      actor: Actor,
    ): Promise<void> {
      request.auth = { token: "", clientId: actor.principalId, scopes: [], extra: { actor } };
      try {
        // GET and DELETE are session operations, which only the 2025 era has.
        if (request.method !== "POST") return await serveLegacy(request, response, undefined, actor);
        const body = await readJson(request);
        if (await isLegacyRequest(await toWebRequest(request, body), body)) {
          return await serveLegacy(request, response, body, actor);
        }
        await serveModern(request, response, body);
      } catch (error) {
        if (error instanceof BadMcpRequest) {
          if (!response.headersSent) reply(response, 400, error.message);
          return;
        }
        if (error instanceof SessionsBusy) {
          if (!response.headersSent) reply(response, 429, error.message);
          return;
        }
        logger.error("MCP request failed", {
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        if (!response.headersSent)
          reply(response, 500, "INTERNAL_SERVER_ERROR: Unexpected error; the server's log has the details.");
      }
    },

    /** Closes every session and every stateless call in flight (their runs are cancelled). */
    async close(): Promise<void> {
      stopWatching();
      await Promise.all([sessions.closeAll(), modern.close()]);
    },
  };
}
