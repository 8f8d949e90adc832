/** mcp: serve the tools over stdio, for desktop MCP clients. */
import type { Command } from "commander";
import { serveMcpOverStdio } from "../../mcp/stdio.js";

export function registerMcpCommand(program: Command): void {
  program
    .command("mcp")
    .description("serve MCP tools over stdio (for desktop clients); configured by the server's environment variables")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor mcp   # started by an MCP client, see README")
    .action(async () => {
      await serveMcpOverStdio();
    });
}
