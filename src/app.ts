/**
 * The HTTP server on the service stack: Yoga (GraphQL, GraphiQL, /health) and graphql-ws on the
 * same port and path, and the MCP endpoint at /mcp, all behind one request guard. Returns `{ start, stop }`; tests start it on
 * port 0. Creating it takes the data folder's lock (DataDirHeldError when another process holds it).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ExecutionArgs } from "graphql";
import type { OperationResult } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { createYoga } from "graphql-yoga";
import { WebSocketServer } from "ws";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { createErrorMasker } from "./graphql-errors.js";
import type { Logger } from "./logger.js";
import { createMcpHttpHandler, MCP_PATH } from "./mcp/http-handler.js";
import { allowedHosts, refusalOf } from "./request-guard.js";
import { schema } from "./schema/index.js";
import { createServiceStack } from "./service-stack.js";
import type { Services } from "./services/index.js";

export interface App {
  services: Services;
  /** Starts the service stack, then listens and advertises its URL beside the data folder's lock. Resolves with the GraphQL URL. */
  start(): Promise<string>;
  /** Stops accepting, closes every socket, then stops the service stack (no container is left). */
  stop(): Promise<void>;
}

export function createApp(config: Config, logger: Logger): App {
  const stack = createServiceStack(config, logger);
  const { services } = stack;
  const context = (): AppContext => ({ services });

  const yoga = createYoga<Record<string, unknown>, AppContext>({
    schema,
    context,
    graphqlEndpoint: "/graphql",
    healthCheckEndpoint: "/health",
    landingPage: false,
    // Same-origin only: a web page elsewhere must not drive the sandbox (see request-guard.ts).
    cors: false,
    graphiql: { subscriptionsProtocol: "WS", title: "mcp-docker-executor" },
    maskedErrors: { maskError: createErrorMasker(logger) },
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(" ")),
      info: (...args) => logger.info(args.map(String).join(" ")),
      warn: (...args) => logger.warn(args.map(String).join(" ")),
      error: (...args) => logger.error(args.map(String).join(" ")),
    },
  });

  const mcp = createMcpHttpHandler(services, config, logger);
  // The guard learns the port once the server listens (port 0 in tests).
  let hosts = allowedHosts(config.host, config.port);
  const refuse = (request: IncomingMessage) =>
    refusalOf({ host: request.headers.host, origin: request.headers.origin }, hosts);

  const httpServer: Server = createServer((request, response) => {
    const refusal = refuse(request);
    if (refusal) {
      logger.warn(`request refused: ${refusal}`);
      response.writeHead(403, { "content-type": "text/plain" });
      response.end(`Forbidden: ${refusal}\n`);
      return;
    }
    if (new URL(request.url ?? "/", "http://localhost").pathname === MCP_PATH) {
      void mcp.handle(request, response);
      return;
    }
    void yoga(request, response);
  });
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: yoga.graphqlEndpoint,
    verifyClient: ({ req }: { req: IncomingMessage }) => refuse(req) === null,
  });
  // graphql-ws runs each operation through Yoga's envelop, so both transports share its plugins
  // (error masking included).
  useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onSubscribe: async (ctx, _id, payload) => {
        const enveloped = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        const args: ExecutionArgs = {
          schema: enveloped.schema,
          operationName: payload.operationName,
          document: enveloped.parse(payload.query),
          variableValues: payload.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe } as EnvelopedRoot,
        };
        const errors = enveloped.validate(args.schema, args.document);
        return errors.length > 0 ? errors : args;
      },
    },
    wsServer,
  );

  return {
    services,
    async start() {
      try {
        await stack.start();
        await new Promise<void>((resolve, reject) => {
          httpServer.once("error", reject);
          httpServer.listen(config.port, config.host, () => resolve());
        });
      } catch (error) {
        // A server that never served lets go of the data folder at once, for the next one.
        await stack.stop().catch((stopError) => {
          logger.warn(
            `stopping after a failed start failed too: ${stopError instanceof Error ? stopError.message : stopError}`,
          );
        });
        throw error;
      }
      const { port } = httpServer.address() as AddressInfo;
      hosts = allowedHosts(config.host, port);
      const host = config.host.includes(":") ? `[${config.host}]` : config.host;
      const url = `http://${host}:${port}${yoga.graphqlEndpoint}`;
      stack.advertise(url);
      return url;
    },
    async stop() {
      for (const client of wsServer.clients) client.close(1001, "server shutting down");
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await mcp.close();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      await stack.stop();
    },
  };
}

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}
