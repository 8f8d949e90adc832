/**
 * MCP over stdio for desktop clients. When a server holds the data folder, this process relays the
 * protocol to that server's /mcp, so one process runs the executions, queue and sweeps of a folder;
 * when nobody holds it, this process takes it and runs the service stack itself. stdout carries
 * only the protocol; logs go to stderr.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { type Config, loadConfig } from "../config.js";
import type { LanguageCatalog } from "../domain/languages.js";
import { createLogger, type Logger } from "../logger.js";
import { createServiceStack, type ServiceStack } from "../service-stack.js";
import { ADMIN_KEY_FILE } from "../services/auth/auth-service.js";
import { DataDirHeldError } from "../store/data-dir-lock.js";
import { callerFrom } from "./caller.js";
import { MCP_PATH } from "./http-handler.js";
import { buildMcpServer } from "./server.js";
import { bridgeStdioToHttp } from "./stdio-bridge.js";

/** How long to wait for a holder of the folder to advertise its URL (it listens after its start-up). */
const HOLDER_URL_WAIT_MS = 10_000;
const HOLDER_URL_POLL_MS = 100;

/** `catalog`: the languages, taken once the plugins are registered (see the mcp command). */
export async function serveMcpOverStdio(catalog: LanguageCatalog): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const found = await stackOrHolderUrl(config, logger);
  if ("url" in found) {
    // stdio is this machine's own user: it reaches the server as the local admin, with admin.key.
    const adminKey = (await readFile(join(config.dataDir, ADMIN_KEY_FILE), "utf8")).trim();
    await bridgeStdioToHttp(new URL(MCP_PATH, found.url), { authorization: `Bearer ${adminKey}` }, logger);
    return;
  }
  await serveOwnStack(found.stack, config, logger, catalog);
}

/**
 * This process's own service stack when the folder is free; else the URL its holder advertises,
 * waited for while the holder still starts (or dies, freeing the folder for this process).
 */
async function stackOrHolderUrl(config: Config, logger: Logger): Promise<{ stack: ServiceStack } | { url: string }> {
  const deadline = Date.now() + HOLDER_URL_WAIT_MS;
  for (;;) {
    try {
      return { stack: await createServiceStack(config, logger) };
    } catch (error) {
      if (!(error instanceof DataDirHeldError)) throw error;
      if (error.holder?.url) return { url: error.holder.url };
      if (Date.now() >= deadline) {
        throw new Error(
          `DATA_DIR ${config.dataDir} is held by another mcp-docker-executor process (pid ${error.holder?.pid ?? "unknown"}) ` +
            `that advertised no server URL within ${HOLDER_URL_WAIT_MS / 1000} s: it is another \`mcp\` stdio process ` +
            "or a server still starting. Stop it, start this again once the server listens, or give this process its own DATA_DIR.",
        );
      }
      await delay(HOLDER_URL_POLL_MS);
    }
  }
}

async function serveOwnStack(
  stack: ServiceStack,
  config: Config,
  logger: Logger,
  catalog: LanguageCatalog,
): Promise<void> {
  // A failed start ends the process (see the mcp command), and the lock goes with it.
  await stack.start();
  // stdio is this machine's own user: it acts as the local admin. The SDK decides the connection's
  // era from its first message (initialize, or a 2026-07-28 request) and keeps one server for it.
  const connection = serveStdio(
    () =>
      buildMcpServer(stack.services, {
        waitBoundMs: config.mcpWaitMs,
        callerOf: callerFrom(() => stack.services.auth.localAdmin()),
        logger,
        catalog,
      }),
    { onerror: (error) => logger.warn(`MCP on stdio: ${error.message}`) },
  );
  logger.info(`MCP server on stdio, holding ${config.dataDir}`);
  try {
    await new Promise<void>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, resolve);
      process.stdin.once("end", resolve);
      process.stdin.once("close", resolve);
    });
  } finally {
    await connection.close();
    await stack.stop();
  }
}
