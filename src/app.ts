/**
 * The composition root: config → Docker client → services → Yoga over HTTP and graphql-ws on the
 * same port and path. Returns `{ start, stop }`; tests start it on port 0.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ExecutionArgs } from "graphql";
import type { OperationResult } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { createYoga } from "graphql-yoga";
import { WebSocketServer } from "ws";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { createDockerClient, probeDocker } from "./docker/docker-client.js";
import { createErrorMasker } from "./graphql-errors.js";
import type { Logger } from "./logger.js";
import { schema } from "./schema/index.js";
import { createServices, type Services } from "./services/index.js";
import { openDatabase } from "./store/database.js";

export interface App {
  services: Services;
  /**
   * When Docker answers: sweeps what an earlier run left, prepares the default image; then listens.
   * Resolves with the GraphQL URL.
   */
  start(): Promise<string>;
  /** Stops accepting, closes every socket, stops live executions (no container is left) and closes the store. */
  stop(): Promise<void>;
}

export function createApp(config: Config, logger: Logger): App {
  const docker = createDockerClient();
  const db = openDatabase(config.dataDir);
  const services = createServices(docker, db, config, logger);
  const context = (): AppContext => ({ services });

  const yoga = createYoga<Record<string, unknown>, AppContext>({
    schema,
    context,
    graphqlEndpoint: "/graphql",
    healthCheckEndpoint: "/health",
    landingPage: false,
    graphiql: { subscriptionsProtocol: "WS", title: "mcp-docker-executor" },
    maskedErrors: { maskError: createErrorMasker(logger) },
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(" ")),
      info: (...args) => logger.info(args.map(String).join(" ")),
      warn: (...args) => logger.warn(args.map(String).join(" ")),
      error: (...args) => logger.error(args.map(String).join(" ")),
    },
  });

  const httpServer: Server = createServer(yoga);
  const wsServer = new WebSocketServer({ server: httpServer, path: yoga.graphqlEndpoint });
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

  async function prepare(): Promise<void> {
    await services.images.init();
    await services.files.sweep();
    const status = await probeDocker(docker);
    if (!status.reachable) {
      // The store's part of the sweep still runs; the containers wait for a start with Docker.
      await services.executions.recover().catch(() => undefined);
      logger.warn(`Docker is not reachable: ${status.error}. Serving anyway; runs fail with DOCKER_UNAVAILABLE.`);
      return;
    }
    logger.info(`Docker engine ${status.serverVersion}`);
    await services.executions.recover();
    if (config.buildImageOnStart) await prepareDefaultImage();
    await services.images.refreshDefault();
  }

  async function prepareDefaultImage(): Promise<void> {
    const image = await services.sandboxImage.ensure({ onLine: (line) => logger.info(`[image] ${line}`) });
    logger.info(`sandbox image ${image.tag} ${image.imageId.slice(7, 19)}, ${(image.sizeBytes / 1e6).toFixed(0)} MB`);
    const runtimes = await services.runtimes.defaultImageRuntimes();
    logger.info(`runtimes: ${runtimes.map((runtime) => `${runtime.language} ${runtime.version}`).join(", ")}`);
  }

  return {
    services,
    async start() {
      await prepare();
      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const { port } = httpServer.address() as AddressInfo;
      const host = config.host.includes(":") ? `[${config.host}]` : config.host;
      return `http://${host}:${port}${yoga.graphqlEndpoint}`;
    },
    async stop() {
      for (const client of wsServer.clients) client.close(1001, "server shutting down");
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      await services.executions.shutdown();
      await services.images.shutdown().catch(() => undefined);
      db.close();
    },
  };
}

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}
