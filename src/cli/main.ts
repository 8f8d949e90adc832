/** The command-line client: a GraphQL client of a running server (local or remote). */
import { Command } from "commander";
import { VERSION } from "../version.js";
import { registerExecutionCommands } from "./commands/executions.js";
import { registerFileCommands } from "./commands/files.js";
import { registerImageCommands } from "./commands/images.js";
import { registerKeyCommands } from "./commands/keys.js";
import { registerMcpCommand } from "./commands/mcp.js";
import { registerServerCommands } from "./commands/server.js";
import { DEFAULT_URL } from "./context.js";

const program = new Command("mcp-docker-executor")
  .description("Run code in locked-down Docker containers through an mcp-docker-executor server.")
  .version(VERSION)
  .option("--url <url>", "the server's GraphQL URL (env MCP_EXECUTOR_URL)", process.env.MCP_EXECUTOR_URL ?? DEFAULT_URL)
  .option(
    "--token <key>",
    "API key (env MCP_EXECUTOR_TOKEN; for a server on this machine, DATA_DIR/admin.key is read when neither is given)",
  )
  .option("--json", "print JSON (one document, or JSON lines for streams)")
  .showHelpAfterError()
  .addHelpText(
    "after",
    `
Examples:
  $ mcp-docker-executor health
  $ mcp-docker-executor exec python "print('Hello from Python!')"
  $ mcp-docker-executor create python node --image-name my-multi-lang`,
  );

registerServerCommands(program);
registerExecutionCommands(program);
registerImageCommands(program);
registerFileCommands(program);
registerMcpCommand(program);
registerKeyCommands(program);

await program.parseAsync(process.argv);
