/**
 * Configuration from environment variables, read and validated once at start-up. A bad value stops
 * the start with a message that names the variable and what it accepts.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { ConfigError } from "./domain/errors.js";
import { type ExecutionPolicy, LIMIT_FIELDS, NETWORK_FIELD } from "./domain/limits.js";
import type { PackagePolicy } from "./domain/package-policy.js";
import type { PoolPolicy } from "./domain/pool.js";
import type { AuthPolicy, Quotas, Role } from "./domain/principal.js";
import type { RetentionPolicy } from "./domain/retention.js";
import { LANGUAGES } from "./languages/index.js";
import { PROJECT_ROOT } from "./paths.js";

export type { ExecutionPolicy, PackagePolicy };

export interface Config {
  /** HTTP port of the GraphQL server (0 picks a free one). */
  port: number;
  host: string;
  /** Where the database and the image build cache live. */
  dataDir: string;
  /** Tag of the default sandbox image. */
  sandboxImage: string;
  /** Base of the default image; when it is missing and cannot be pulled, a local Debian base is made. */
  baseImage: string;
  /** Tag given to the Debian base the project makes itself with mmdebstrap. */
  localBaseImage: string;
  /** LANGUAGE_PLUGINS_DIR: a folder of third-party language plugins loaded at start; null: none. */
  languagePluginsDir: string | null;
  /** A .NET SDK folder copied into the image; null when none is configured or found. */
  dotnetSdkDir: string | null;
  /** PEM files of extra CA certificates the image trusts (apt, pip, npm, dotnet). */
  extraCaCertFiles: string[];
  /** Build the default image at start when it is missing. */
  buildImageOnStart: boolean;
  logLevel: LogLevel;
  executions: ExecutionPolicy;
  /** Pre-started sandboxes. */
  pool: PoolPolicy;
  /** A resident compiler (C#'s) unused this long is stopped. */
  compilerIdleMs: number;
  /** Whether every run reports what it used (its container's cgroup figures). */
  collectUsage: boolean;
  packages: PackagePolicy;
  /** Largest stored file accepted by uploadFile. */
  maxFileBytes: number;
  /** What old history and files the pruner removes (RETAIN_*); off unless set. */
  retention: RetentionPolicy;
  /** What one GraphQL request, document or WebSocket may carry. */
  graphql: GraphQLLimits;
  /** How long MCP's create_image and install_packages wait before returning an id to poll. */
  mcpWaitMs: number;
  /** MCP HTTP sessions one principal may hold open, and how long an unused one lives. */
  mcpSessions: { perPrincipal: number; idleMs: number };
  auth: AuthPolicy;
  /** The folders the pages' files are read from at start (GraphiQL, the console, /docs). */
  pageFiles: PageFilesConfig;
  /**
   * METRICS_AUTH: whether /metrics needs an admin key (when AUTH is on). Off opens it to anyone
   * who reaches the port, for a Prometheus scraper on a private network.
   */
  metricsAuth: boolean;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface PageFilesConfig {
  /** GRAPHIQL_DIR: @graphql-yoga/render-graphiql's package folder (the installed one by default). */
  graphiqlDir: string;
  /** CONSOLE_DIR: the built console (dist/ui by default, what `npm run build` makes). */
  consoleDir: string;
  /** SWAGGER_UI_DIR: swagger-ui-dist's package folder (the installed one by default). */
  swaggerUiDir: string;
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === "" ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw} is not accepted: give a whole number from ${min} to ${max}.`);
  }
  return value;
}

function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw} is not accepted: give a number from ${min} to ${max}.`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(`${name}=${raw} is not accepted: give true or false.`);
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, accepted: readonly T[]): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!accepted.includes(raw as T)) {
    throw new ConfigError(`${name}=${raw} is not accepted: give one of ${accepted.join(", ")}.`);
  }
  return raw as T;
}

function pattern(env: Env, name: string, fallback: string, accepted: RegExp, what: string): string {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!accepted.test(raw)) throw new ConfigError(`${name}=${raw} is not accepted: give ${what}.`);
  return raw;
}

function url(env: Env, name: string): string | null {
  const raw = read(env, name);
  if (raw === undefined) return null;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    throw new ConfigError(`${name}=${raw} is not accepted: give an http:// or https:// URL.`);
  }
  return raw;
}

/** The SDK folder: DOTNET_SDK_DIR, else the folder of the `dotnet` on PATH, else none. */
function dotnetSdkDir(env: Env): string | null {
  const configured = read(env, "DOTNET_SDK_DIR");
  if (configured !== undefined) {
    if (!existsSync(join(configured, "dotnet")) || !existsSync(join(configured, "sdk"))) {
      throw new ConfigError(
        `DOTNET_SDK_DIR=${configured} is not accepted: give a .NET SDK folder (one holding dotnet and sdk/).`,
      );
    }
    return resolve(configured);
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "dotnet");
    if (dir !== "" && existsSync(candidate)) {
      const root = dirname(realpathSync(candidate));
      if (existsSync(join(root, "sdk"))) return root;
    }
  }
  return null;
}

/**
 * LANGUAGE_PLUGINS_DIR, an existing folder, or null. Read before the rest of the configuration: the
 * plugins are registered first (see main.ts), so that their managers' registry settings are read too.
 */
export function languagePluginsDir(env: Env = process.env): string | null {
  const configured = read(env, "LANGUAGE_PLUGINS_DIR");
  if (configured === undefined) return null;
  if (!existsSync(configured) || !statSync(configured).isDirectory()) {
    throw new ConfigError(
      `LANGUAGE_PLUGINS_DIR=${configured} is not accepted: give a folder (one subfolder per plugin, holding plugin.js).`,
    );
  }
  return resolve(configured);
}

const require = createRequire(import.meta.url);

/** Where the pages' files are; a folder that cannot be read makes its page answer 503, not the start fail. */
function pageFilesConfig(env: Env): PageFilesConfig {
  // render-graphiql's exports map has no ./package.json: its main module is in cjs/ inside the folder.
  const graphiql = dirname(dirname(require.resolve("@graphql-yoga/render-graphiql")));
  const swaggerUi = dirname(require.resolve("swagger-ui-dist/package.json"));
  return {
    graphiqlDir: resolve(read(env, "GRAPHIQL_DIR") ?? graphiql),
    consoleDir: resolve(read(env, "CONSOLE_DIR") ?? join(PROJECT_ROOT, "dist", "ui")),
    swaggerUiDir: resolve(read(env, "SWAGGER_UI_DIR") ?? swaggerUi),
  };
}

/** Each registered package manager's registry setting (PIP_INDEX_URL, NPM_REGISTRY, ...) that is set. */
function registries(env: Env): Partial<Record<string, string>> {
  const entries = LANGUAGES.flatMap(({ packageManager: manager }) =>
    manager?.registrySetting ? [[manager.id, url(env, manager.registrySetting)] as const] : [],
  );
  return present(Object.fromEntries(entries));
}

/** EXTRA_CA_CERTS (files separated by ':'), else the machine's bundle that SSL_CERT_FILE names. */
function extraCaCertFiles(env: Env): string[] {
  const name = read(env, "EXTRA_CA_CERTS") !== undefined ? "EXTRA_CA_CERTS" : "SSL_CERT_FILE";
  const files = (read(env, name) ?? "").split(delimiter).filter((file) => file !== "");
  for (const file of files) {
    if (!existsSync(file)) throw new ConfigError(`${name}=${file} is not accepted: the file does not exist.`);
  }
  return files;
}

const IMAGE_REFERENCE = /^[a-z0-9]+([._/-][a-z0-9]+)*(:[\w][\w.-]{0,127})?$/;

export function loadConfig(env: Env = process.env): Config {
  const host = read(env, "HOST") ?? "127.0.0.1";
  const maxFileBytes = integer(env, "FILES_MAX_BYTES", 1024 * 1024, 1, 256 * 1024 * 1024);
  return {
    port: integer(env, "PORT", 4000, 0, 65535),
    host,
    dataDir: resolve(read(env, "DATA_DIR") ?? "data"),
    sandboxImage: pattern(env, "SANDBOX_IMAGE", "mcp-executor-base", IMAGE_REFERENCE, "a Docker image name"),
    baseImage: pattern(env, "BASE_IMAGE", "debian:bookworm-slim", IMAGE_REFERENCE, "a Docker image name"),
    localBaseImage: pattern(
      env,
      "LOCAL_BASE_IMAGE",
      "mcp-executor-debian:bookworm",
      IMAGE_REFERENCE,
      "a Docker image name",
    ),
    languagePluginsDir: languagePluginsDir(env),
    dotnetSdkDir: dotnetSdkDir(env),
    extraCaCertFiles: extraCaCertFiles(env),
    buildImageOnStart: boolean(env, "BUILD_IMAGE_ON_START", true),
    logLevel: oneOf(env, "LOG_LEVEL", "info", ["debug", "info", "warn", "error"] as const),
    executions: executionPolicy(env),
    pool: {
      size: integer(env, "POOL_SIZE", 2, 0, 32),
      recentProfiles: integer(env, "POOL_RECENT_PROFILES", 1, 0, 32),
      maxIdleMs: integer(env, "POOL_MAX_IDLE_MS", 600_000, 1000, 86_400_000),
    },
    compilerIdleMs: integer(env, "COMPILER_IDLE_MS", 600_000, 1000, 86_400_000),
    collectUsage: oneOf(env, "EXEC_USAGE", "on", ["on", "off"] as const) === "on",
    maxFileBytes,
    retention: retentionPolicy(env),
    graphql: graphqlLimits(env, maxFileBytes),
    mcpWaitMs: integer(env, "MCP_WAIT_MS", 120_000, 0, 3_600_000),
    mcpSessions: {
      perPrincipal: integer(env, "MCP_MAX_SESSIONS_PER_PRINCIPAL", 10, 1, 10_000),
      idleMs: integer(env, "MCP_SESSION_IDLE_MS", 1_800_000, 1000, 86_400_000),
    },
    auth: authPolicy(env, host),
    metricsAuth: oneOf(env, "METRICS_AUTH", "on", ["on", "off"] as const) === "on",
    pageFiles: pageFilesConfig(env),
    packages: {
      registries: registries(env),
      network: oneOf(env, "INSTALL_NETWORK", "bridge", ["bridge", "host"] as const),
      timeoutMs: integer(env, "INSTALL_TIMEOUT_MS", 600_000, 1000, 86_400_000),
    },
  };
}

const MIB = 1024 * 1024;
const DAY_MS = 86_400_000;

/** The setting's value when it is set (parsed and checked by `parse`), else null. */
function optional<T>(env: Env, name: string, parse: (env: Env, name: string) => T): T | null {
  return read(env, name) === undefined ? null : parse(env, name);
}

/** A number of days (fractions allowed, down to about a minute and a half), as milliseconds. */
const days = (env: Env, name: string): number => Math.round(decimal(env, name, 0, 0.001, 36_500) * DAY_MS);

function retentionPolicy(env: Env): RetentionPolicy {
  return {
    executionsMaxAgeMs: optional(env, "RETAIN_EXECUTIONS_DAYS", days),
    executionsMaxBytes: optional(env, "RETAIN_EXECUTIONS_MAX_BYTES", (from, name) =>
      integer(from, name, 0, 1, Number.MAX_SAFE_INTEGER),
    ),
    filesMaxAgeMs: optional(env, "RETAIN_FILES_DAYS", days),
    intervalMs: integer(env, "RETAIN_PRUNE_INTERVAL_MS", 600_000, 1000, DAY_MS),
  };
}

/** Built-in quotas of `user` keys; admins have none unless configured. */
const USER_QUOTAS: Quotas = {
  executionsAtOnce: 4,
  executionsPerMinute: 120,
  fileBytes: 256 * MIB,
  images: 10,
  jobsAtOnce: 1,
};

const QUOTA_SETTINGS: Record<keyof Quotas, string> = {
  executionsAtOnce: "EXECUTIONS_AT_ONCE",
  executionsPerMinute: "EXECUTIONS_PER_MINUTE",
  fileBytes: "FILE_BYTES",
  images: "IMAGES",
  jobsAtOnce: "JOBS_AT_ONCE",
};

/** QUOTA_<ROLE>_<NAME> for each quota; unset takes the built-in value (null: no limit). */
function roleQuotas(env: Env, role: Role, builtIn: Quotas | null): Quotas {
  const entries = Object.entries(QUOTA_SETTINGS).map(([name, setting]) => {
    const variable = `QUOTA_${role.toUpperCase()}_${setting}`;
    const fallback = builtIn?.[name as keyof Quotas] ?? null;
    return [name, read(env, variable) === undefined ? fallback : integer(env, variable, 0, 0, Number.MAX_SAFE_INTEGER)];
  });
  return Object.fromEntries(entries) as Quotas;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function authPolicy(env: Env, host: string): AuthPolicy {
  const enabled = oneOf(env, "AUTH", "on", ["on", "off"] as const) === "on";
  if (!enabled && !LOOPBACK.test(host)) {
    throw new ConfigError(
      `AUTH=off is not accepted with HOST=${host}: without keys anyone who reaches the port runs code. Bind HOST to a loopback address (127.0.0.1, ::1) or keep AUTH=on.`,
    );
  }
  return {
    enabled,
    quotas: { user: roleQuotas(env, "user", USER_QUOTAS), admin: roleQuotas(env, "admin", null) },
    quotaWindowMs: integer(env, "QUOTA_WINDOW_MS", 60_000, 1, 86_400_000),
  };
}

/** The entries that have a value. */
function present<K extends string>(entries: Record<K, string | null>): Partial<Record<K, string>> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== null)) as Partial<
    Record<K, string>
  >;
}

function executionPolicy(env: Env): ExecutionPolicy {
  const cores = availableParallelism();
  const { timeoutMs, memoryMb, cpus, pids, outputLimitBytes } = LIMIT_FIELDS;
  const maxima = {
    timeoutMs: integer(env, timeoutMs.maxSetting, timeoutMs.builtInMax, 1, 86_400_000),
    memoryMb: integer(env, memoryMb.maxSetting, memoryMb.builtInMax, 6, 1 << 20),
    cpus: decimal(env, cpus.maxSetting, cores, 0.01, 1024),
    pids: integer(env, pids.maxSetting, pids.builtInMax, 1, 1 << 22),
    outputLimitBytes: integer(env, outputLimitBytes.maxSetting, outputLimitBytes.builtInMax, 1, 1 << 30),
  };
  const defaults = {
    timeoutMs: integer(env, timeoutMs.setting, Math.min(timeoutMs.builtIn, maxima.timeoutMs), 1, maxima.timeoutMs),
    memoryMb: integer(env, memoryMb.setting, Math.min(memoryMb.builtIn, maxima.memoryMb), 6, maxima.memoryMb),
    cpus: decimal(env, cpus.setting, Math.min(cpus.builtIn, maxima.cpus), 0.01, maxima.cpus),
    pids: integer(env, pids.setting, Math.min(pids.builtIn, maxima.pids), 1, maxima.pids),
    network: boolean(env, NETWORK_FIELD.setting, NETWORK_FIELD.builtIn),
    outputLimitBytes: integer(
      env,
      outputLimitBytes.setting,
      Math.min(outputLimitBytes.builtIn, maxima.outputLimitBytes),
      1,
      maxima.outputLimitBytes,
    ),
  };
  const networkAllowed = boolean(env, NETWORK_FIELD.allowedSetting, NETWORK_FIELD.builtInAllowed);
  if (defaults.network && !networkAllowed) {
    throw new ConfigError(
      "EXEC_NETWORK=true is not accepted while EXEC_NETWORK_ALLOWED=false: runs could not have it.",
    );
  }
  return {
    defaults,
    maxima,
    networkAllowed,
    defaultIsolation:
      oneOf(env, "SANDBOX_RUNTIME", "runc", ["runc", "runsc"] as const) === "runsc" ? "STRONG" : "STANDARD",
    maxCodeBytes: integer(env, "EXEC_MAX_CODE_BYTES", MIB, 1, 64 * MIB),
    maxConcurrency: integer(env, "EXEC_MAX_CONCURRENCY", 2 * cores, 1, 1024),
    maxQueued: integer(env, "EXEC_MAX_QUEUED", 100, 0, 100_000),
  };
}

export interface GraphQLLimits {
  /** Largest query string, checked before it is parsed (so it never reaches the parse cache). */
  maxDocumentBytes: number;
  maxTokens: number;
  maxAliases: number;
  maxDepth: number;
  maxDirectives: number;
  /** Fields that start a container (execute, executeFile, run, createImage, installPackages) in one document. */
  maxRunsPerDocument: number;
  /** Largest HTTP request body, JSON or multipart: derived from FILES_MAX_BYTES (see BODY_RULE). */
  maxBodyBytes: number;
  /** Largest graphql-ws message; by default the HTTP body limit, so both transports carry the same. */
  wsMaxMessageBytes: number;
  /** Operations in flight on one graphql-ws connection. */
  wsMaxSubscriptions: number;
  /** Operations in flight over all of one principal's graphql-ws connections. */
  wsMaxSubscriptionsPerPrincipal: number;
  /** How long a graphql-ws connection may stay open without its connection_init. */
  wsInitTimeoutMs: number;
}

/**
 * A file of FILES_MAX_BYTES must fit in one request either way: as JSON text, where escaping can
 * make one byte six (\u0000), or as a multipart part; the document and the envelope (other
 * variables, multipart boundaries and part headers) come on top.
 */
export const BODY_RULE = {
  escapeFactor: 6,
  envelopeBytes: 64 * 1024,
  text: "6 × FILES_MAX_BYTES + GRAPHQL_MAX_DOCUMENT_BYTES + 64 KiB",
} as const;

function graphqlLimits(env: Env, maxFileBytes: number): GraphQLLimits {
  const maxDocumentBytes = integer(env, "GRAPHQL_MAX_DOCUMENT_BYTES", 100_000, 1024, 16 * MIB);
  const maxBodyBytes = BODY_RULE.escapeFactor * maxFileBytes + maxDocumentBytes + BODY_RULE.envelopeBytes;
  return {
    maxDocumentBytes,
    maxTokens: integer(env, "GRAPHQL_MAX_TOKENS", 1000, 50, 100_000),
    maxAliases: integer(env, "GRAPHQL_MAX_ALIASES", 15, 0, 1000),
    maxDepth: integer(env, "GRAPHQL_MAX_DEPTH", 10, 2, 100),
    maxDirectives: integer(env, "GRAPHQL_MAX_DIRECTIVES", 50, 0, 1000),
    maxRunsPerDocument: integer(env, "GRAPHQL_MAX_RUNS_PER_DOCUMENT", 3, 1, 100),
    maxBodyBytes,
    wsMaxMessageBytes: integer(env, "GRAPHQL_WS_MAX_MESSAGE_BYTES", maxBodyBytes, 1024, 2048 * MIB),
    wsMaxSubscriptions: integer(env, "GRAPHQL_WS_MAX_SUBSCRIPTIONS", 20, 1, 10_000),
    wsMaxSubscriptionsPerPrincipal: integer(env, "GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_PRINCIPAL", 100, 1, 100_000),
    wsInitTimeoutMs: integer(env, "GRAPHQL_WS_INIT_TIMEOUT_MS", 10_000, 100, 600_000),
  };
}
