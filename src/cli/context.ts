/** What every command gets: the server connection and the output, made from the global options. */
import type { Command } from "commander";
import { createGraphQLClient, type GraphQLClient } from "./graphql-client.js";
import { createOutput, type Output } from "./output.js";

export const DEFAULT_URL = "http://127.0.0.1:4000/graphql";

export interface CliContext {
  client: GraphQLClient;
  output: Output;
}

export function contextOf(command: Command): CliContext {
  const options = command.optsWithGlobals<{ url: string; json?: boolean }>();
  return { client: createGraphQLClient(options.url), output: createOutput(options.json ?? false) };
}
