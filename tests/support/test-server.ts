/** Starts the real app on a free loopback port with its own data folder, and speaks GraphQL to it. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { createApp } from "../../src/app.js";
import { type Config, type LogLevel, loadConfig } from "../../src/config.js";
import { languageCatalog } from "../../src/languages/catalog.js";
import { createLogger } from "../../src/logger.js";
import type { Services } from "../../src/services/index.js";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface TestServer {
  url: string;
  config: Config;
  /** The server's own services, for what no API reaches (running the pruner now). */
  services: Services;
  /** The admin key the server wrote to DATA_DIR/admin.key on its first start. */
  adminKey: string;
  /** Headers that authenticate as the admin (or as `key`). */
  authHeaders(key?: string): Record<string, string>;
  /** A GraphQL request as the admin, or as `key` (null: with no key at all). */
  request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { key?: string | null },
  ): Promise<GraphQLResponse<T>>;
  /** A graphql-ws client of this server, as the admin or as `key`; disposed by stop(). */
  wsClient(options?: { key?: string | null }): Client;
  /** Makes an API key with the admin key; returns the key and its id. */
  createKey(input: {
    name: string;
    role?: "admin" | "user";
    network?: boolean;
    quotas?: Record<string, number>;
  }): Promise<{
    key: string;
    id: string;
    principalId: string;
  }>;
  /** Stops the server; its data folder goes too unless it was given. */
  stop(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "mcp-executor-test-"));
}

export interface TestServerOptions {
  /** The data folder to use and keep; a new one, removed by stop(), by default. */
  dataDir?: string;
  /** Where the server's log lines go, and from which level; warnings and errors on stderr by default. */
  log?: { level: LogLevel; write(line: string): void };
}

export async function startTestServer(
  overrides: Record<string, string> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const config = loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, ...overrides });
  const logger = options.log ? createLogger(options.log.level, options.log.write) : createLogger("warn");
  const app = await createApp(config, logger, languageCatalog());
  const url = await app.start();
  const adminKey = (await readFile(join(dataDir, "admin.key"), "utf8")).trim();
  const clients: Client[] = [];
  const authHeaders = (key: string | null = adminKey): Record<string, string> =>
    key === null ? {} : { authorization: `Bearer ${key}` };
  const request: TestServer["request"] = async (query, variables, options = {}) => {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...authHeaders(options.key === undefined ? adminKey : options.key),
      },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  };
  return {
    url,
    config,
    services: app.services,
    adminKey,
    authHeaders: (key) => authHeaders(key ?? adminKey),
    request,
    wsClient(options = {}) {
      const key = options.key === undefined ? adminKey : options.key;
      const client = createClient({
        url: url.replace(/^http/, "ws"),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: key === null ? {} : { authorization: `Bearer ${key}` },
      });
      clients.push(client);
      return client;
    },
    async createKey(input) {
      const { data, errors } = await request<{
        createApiKey: { key: string; apiKey: { id: string; principalId: string } };
      }>("mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id principalId } } }", {
        input,
      });
      if (!data) throw new Error(`createApiKey failed: ${JSON.stringify(errors)}`);
      return {
        key: data.createApiKey.key,
        id: data.createApiKey.apiKey.id,
        principalId: data.createApiKey.apiKey.principalId,
      };
    },
    async stop() {
      await Promise.all(clients.map((client) => client.dispose()));
      await app.stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Received<T> {
  value: T;
  /** performance.now() when it arrived. */
  at: number;
}

/** A subscription followed in the background. */
export interface Following<T> {
  /** Every result so far, in order. */
  received: Received<GraphQLResponse<T>>[];
  /** Every result once the subscription completes; rejects when it fails. */
  done: Promise<Received<GraphQLResponse<T>>[]>;
  /** Ends the subscription now. */
  stop(): void;
}

/** Starts a subscription and returns at once: its results gather in `received` as they arrive. */
export function follow<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Following<T> {
  const received: Received<GraphQLResponse<T>>[] = [];
  let stop = () => {};
  const done = new Promise<Received<GraphQLResponse<T>>[]>((resolve, reject) => {
    stop = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => received.push({ value: value as GraphQLResponse<T>, at: performance.now() }),
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => resolve(received),
      },
    );
  });
  // A test that stops early need not wait for the end: a failure then is no unhandled rejection.
  done.catch(() => undefined);
  return { received, done, stop: () => stop() };
}

/** Runs a subscription to completion and returns every result with its arrival time. */
export function collect<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Received<GraphQLResponse<T>>[]> {
  return follow<T>(client, query, variables).done;
}
