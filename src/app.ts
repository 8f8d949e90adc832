/**
 * The HTTP server on the service stack: Yoga (GraphQL, GraphiQL, /health) and graphql-ws on the
 * same port and path, and the MCP endpoint at /mcp, all behind one request guard. Returns `{ start, stop }`; tests start it on
 * port 0.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createYoga } from "graphql-yoga";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { requestLimits } from "./graphql/request-limits.js";
import { createErrorMasker } from "./graphql-errors.js";
import { attachGraphQLWebSocket } from "./http/graphql-ws-server.js";
import type { Logger } from "./logger.js";
import { createMcpHttpHandler, MCP_PATH } from "./mcp/http-handler.js";
import { allowedHosts, refusalOf } from "./request-guard.js";
import { schema } from "./schema/index.js";
import { createServiceStack } from "./service-stack.js";
import type { Services } from "./services/index.js";

export interface App {
  services: Services;
  /** Starts the service stack, then listens. Resolves with the GraphQL URL. */
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
    ...requestLimits(config.graphql),
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
    refusalOf(
      { host: request.headers.host, origin: request.headers.origin, secFetchSite: request.headers["sec-fetch-site"] },
      hosts,
    );

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
  const wsServer = attachGraphQLWebSocket({
    server: httpServer,
    yoga,
    limits: config.graphql,
    accept: (request) => refuse(request) === null,
  });

  return {
    services,
    async start() {
      await stack.start();
      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const { port } = httpServer.address() as AddressInfo;
      hosts = allowedHosts(config.host, port);
      const host = config.host.includes(":") ? `[${config.host}]` : config.host;
      return `http://${host}:${port}${yoga.graphqlEndpoint}`;
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
