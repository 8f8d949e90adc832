/** mcp: serve the tools over stdio, for desktop MCP clients (relayed to the folder's server when one runs). */
import type { Command } from "commander";
import { messageOf } from "../../domain/errors.js";

export function registerMcpCommand(program: Command): void {
  program
    .command("mcp")
    .description(
      "serve MCP tools over stdio (for desktop clients), through the server holding DATA_DIR when one runs; " +
        "configured by the server's environment variables",
    )
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor mcp   # started by an MCP client, see README")
    .action(async () => {
      try {
        // Loaded here, not at start: the whole service stack would slow every other command down.
        // The plugins come first: the MCP tools are built from the catalog of every registered language.
        const { languagePluginsDir } = await import("../../config.js");
        const { registerLanguagePlugins } = await import("../../languages/plugin-loader.js");
        const catalog = await registerLanguagePlugins(languagePluginsDir());
        const { serveMcpOverStdio } = await import("../../mcp/stdio.js");
        await serveMcpOverStdio(catalog);
      } catch (error) {
        // stdout is the protocol's: the reason goes to stderr, and the exit drops the data folder's lock.
        process.stderr.write(`error: ${messageOf(error)}\n`);
        process.exit(1);
      }
    });
}
