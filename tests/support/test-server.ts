/** Starts the real app on a free loopback port with its own data folder, and speaks GraphQL to it. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { createApp } from "../../src/app.js";
import { type Config, loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface TestServer {
  url: string;
  config: Config;
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** A graphql-ws client of this server; disposed by stop(). */
  wsClient(): Client;
  /** Stops the server; its data folder goes too unless it was given. */
  stop(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "mcp-executor-test-"));
}

export async function startTestServer(
  overrides: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const config = loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, ...overrides });
  const app = createApp(config, createLogger("warn"));
  const url = await app.start();
  const clients: Client[] = [];
  return {
    url,
    config,
    async request(query, variables) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    wsClient() {
      const client = createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
      clients.push(client);
      return client;
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
