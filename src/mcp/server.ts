/** The MCP server: the service layer as tools for LLM agents, one factory for every transport. */
import { McpServer } from "@modelcontextprotocol/server";
import type { LanguageCatalog } from "../domain/languages.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services/index.js";
import { VERSION } from "../version.js";
import type { CallerOf } from "./caller.js";
import { strictTools } from "./strict-tool.js";
import { answerWith } from "./tool-results.js";
import { registerExecutionTools } from "./tools/executions.js";
import { registerFileTools } from "./tools/files.js";
import { registerImageTools } from "./tools/images.js";

/** `callerOf` says who each tool call acts as (see caller.ts); `catalog` is what the tools describe and take. */
export function buildMcpServer(
  services: Services,
  options: { waitBoundMs: number; callerOf: CallerOf; logger: Logger; catalog: LanguageCatalog },
): McpServer {
  const server = new McpServer(
    { name: "mcp-docker-executor", version: VERSION },
    {
      instructions:
        "Runs code in locked-down Docker containers: execute_code for a program, upload_file + execute_file for stored files, " +
        "create_image and install_packages for images with extra packages. Failed calls answer with an error code " +
        "(BAD_USER_INPUT, NOT_FOUND, LIMIT_EXCEEDED, IMAGE_NOT_READY, DOCKER_UNAVAILABLE, FORBIDDEN, QUOTA_EXCEEDED) and what to change.",
    },
  );
  const kit = {
    tool: strictTools(server, answerWith(options.logger)),
    callerOf: options.callerOf,
    catalog: options.catalog,
  };
  registerExecutionTools(services, kit);
  registerImageTools(services, kit, options.waitBoundMs);
  registerFileTools(services, kit);
  return server;
}
