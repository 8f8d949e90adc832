/**
 * MCP over stdio for desktop clients: the same service stack in this process, on the same data
 * folder and Docker engine as the HTTP server. stdout carries only the protocol; logs go to stderr.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { createServiceStack } from "../service-stack.js";
import { callerFrom } from "./caller.js";
import { buildMcpServer } from "./server.js";

export async function serveMcpOverStdio(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const stack = createServiceStack(config, logger);
  await stack.start();
  // stdio is this machine's own user: it acts as the local admin.
  const server = buildMcpServer(stack.services, {
    waitBoundMs: config.mcpWaitMs,
    callerOf: callerFrom(() => stack.services.auth.localAdmin()),
  });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void server.close());
  process.stdin.once("end", () => void server.close());
  await server.connect(transport);
  logger.info("MCP server on stdio");
  await closed;
  await stack.stop();
}
