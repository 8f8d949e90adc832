/**
 * The HTTP server on the service stack: Yoga (GraphQL, GraphiQL, /health) and graphql-ws on the
 * same port and path, the web console under /ui/, the MCP endpoint at /mcp, the seed's REST routes and
 * Prometheus metrics at /metrics, all behind one request guard. Returns `{ start, stop }`; tests start it on
 * port 0. Creating it takes the data folder's lock (DataDirHeldError when another process holds it)
 * and opens the store.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createYoga } from "graphql-yoga";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { messageOf } from "./domain/errors.js";
import type { LanguageCatalog } from "./domain/languages.js";
import type { Actor } from "./domain/principal.js";
import { useContractRefusals } from "./graphql/request-errors.js";
import { requestLimits } from "./graphql/request-limits.js";
import { createErrorMasker } from "./graphql-errors.js";
import { serveConsole } from "./http/console.js";
import { actorOf, credentialsOf, sessionCookieName } from "./http/credentials.js";
import { answerGraphiQLUnavailable, asksForGraphiQL, GRAPHIQL_ASSETS_PATH } from "./http/graphiql.js";
import { attachGraphQLWebSocket } from "./http/graphql-ws-server.js";
import { handleLoginRoutes } from "./http/login-routes.js";
import { answerMetrics, METRICS_PATH } from "./http/metrics-route.js";
import { createOpenStreams } from "./http/open-streams.js";
import { createOperationSlots } from "./http/operation-slots.js";
import { readPageFiles } from "./http/page-files.js";
import { answerHealth, HEALTH_PATH } from "./http/plain-health.js";
import { refuseUnauthenticated } from "./http/unauthenticated.js";
import type { Logger } from "./logger.js";
import { createMcpHttpHandler, MCP_PATH } from "./mcp/http-handler.js";
import { allowedHosts, refusalOf } from "./request-guard.js";
import { createRestHandler } from "./rest/rest-handler.js";
import { createSchema } from "./schema/index.js";
import { createServiceStack } from "./service-stack.js";
import type { Services } from "./services/index.js";

export interface App {
  services: Services;
  /** Starts the service stack, then listens and advertises its URL beside the data folder's lock. Resolves with the GraphQL URL. */
  start(): Promise<string>;
  /** Stops accepting, closes every socket, then stops the service stack (no container is left). */
  stop(): Promise<void>;
}

/** `catalog`: the languages the API describes, taken once the plugins are registered (see main.ts). */
export async function createApp(config: Config, logger: Logger, catalog: LanguageCatalog): Promise<App> {
  const schema = createSchema(catalog);
  const pages = await readPageFiles(config.pageFiles, logger);
  const stack = await createServiceStack(config, logger);
  const { services } = stack;
  const openStreams = createOpenStreams(services.auth);
  const limits = requestLimits(config.graphql);

  // The caller is known before Yoga sees the request (see the HTTP handler and onConnect below).
  const yoga = createYoga<{ actor: Actor }, AppContext>({
    schema,
    context: ({ actor }) => ({ services, actor }),
    graphqlEndpoint: "/graphql",
    // Ours, open and brief, comes first (see http/plain-health.ts).
    healthCheckEndpoint: "/yoga-health",
    landingPage: false,
    // Same-origin only: a web page elsewhere must not drive the sandbox (see request-guard.ts).
    cors: false,
    graphiql: { subscriptionsProtocol: "WS", title: "mcp-docker-executor" },
    // Its files come from this server, not a CDN (see http/graphiql.ts); without them, handle() answers 503.
    ...(pages.graphiql ? { renderGraphiQL: pages.graphiql.renderPage } : {}),
    maskedErrors: { maskError: createErrorMasker(logger) },
    ...limits,
    // The metrics first, so that they time and count what the limits refuse too.
    plugins: [stack.metrics.graphqlPlugin(), ...limits.plugins, useContractRefusals()],
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(" ")),
      info: (...args) => logger.info(args.map(String).join(" ")),
      warn: (...args) => logger.warn(args.map(String).join(" ")),
      error: (...args) => logger.error(args.map(String).join(" ")),
    },
  });

  const mcp = createMcpHttpHandler(services, config, logger, catalog);
  // A principal's streams in flight, over graphql-ws and the REST API's server-sent events together.
  const streamSlots = createOperationSlots<string>(config.graphql.wsMaxSubscriptionsPerPrincipal);
  const rest = createRestHandler({
    services,
    schema,
    yoga,
    maxBodyBytes: config.graphql.maxBodyBytes,
    streamSlots,
    streamLimit: config.graphql.wsMaxSubscriptionsPerPrincipal,
    docs: pages.docs,
    logger,
  });
  // The guard learns the port once the server listens (port 0 in tests).
  let hosts = allowedHosts(config.host, config.port);
  let cookieName = sessionCookieName(config.port);
  const refuse = (request: IncomingMessage) =>
    refusalOf(
      { host: request.headers.host, origin: request.headers.origin, secFetchSite: request.headers["sec-fetch-site"] },
      hosts,
    );

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const refusal = refuse(request);
    if (refusal) {
      logger.warn(`request refused: ${refusal}`);
      response.writeHead(403, { "content-type": "text/plain" });
      response.end(`Forbidden: ${refusal}\n`);
      return;
    }
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path === HEALTH_PATH && request.method === "GET") return answerHealth(services.health, response);
    if (path === METRICS_PATH && request.method === "GET") {
      const route = {
        needsKey: config.metricsAuth,
        actor: () => actorOf(services.auth, credentialsOf(request.headers, cookieName)),
        scrape: stack.metrics.scrape,
      };
      return answerMetrics(route, request, response);
    }
    if (await handleLoginRoutes(services.auth, cookieName, request, response)) return;
    const actor = await actorOf(services.auth, credentialsOf(request.headers, cookieName));
    const restPath = rest.owns(path);
    if (!actor)
      return restPath ? rest.refuseUnauthenticated(request, response) : refuseUnauthenticated(request, response);
    const forget = openStreams.track(actor.keyId, () => response.destroy());
    // A client that left while its key was looked up has had its close already.
    if (response.destroyed) forget();
    else response.once("close", forget);
    if (restPath) return rest.handle(request, response, actor);
    if (path === MCP_PATH) return mcp.handle(request, response, actor);
    if (pages.graphiql) {
      if (await pages.graphiql.serveAsset(path, request, response)) return;
    } else if (path.startsWith(GRAPHIQL_ASSETS_PATH) || (path === yoga.graphqlEndpoint && asksForGraphiQL(request))) {
      return answerGraphiQLUnavailable(response);
    }
    if (await serveConsole(pages.console, path, request, response)) return;
    await yoga(request, response, { actor });
  }

  const httpServer: Server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      logger.error("request failed", {
        // The path only: a query may carry ?token=KEY.
        path: new URL(request.url ?? "/", "http://localhost").pathname,
        error: messageOf(error),
      });
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end();
    });
  });
  const wsServer = attachGraphQLWebSocket({
    server: httpServer,
    yoga,
    limits: config.graphql,
    accept: (request) => refuse(request) === null,
    // A missing or wrong key closes the socket with 4403; a right one holds it until it is revoked.
    authenticate: (request, connectionParams) =>
      actorOf(services.auth, {
        authorization: (connectionParams as { authorization?: string } | undefined)?.authorization,
        cookie: request.headers.cookie,
        cookieName,
      }),
    holdOpen: (actor, close) => openStreams.track(actor.keyId, close),
    principalSlots: streamSlots,
  });

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
          logger.warn(`stopping after a failed start failed too: ${messageOf(stopError)}`);
        });
        throw error;
      }
      const { port } = httpServer.address() as AddressInfo;
      hosts = allowedHosts(config.host, port);
      cookieName = sessionCookieName(port);
      const host = config.host.includes(":") ? `[${config.host}]` : config.host;
      const url = `http://${host}:${port}${yoga.graphqlEndpoint}`;
      stack.advertise(url);
      return url;
    },
    async stop() {
      openStreams.dispose();
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
