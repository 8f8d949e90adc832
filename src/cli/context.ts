/** What every command gets: the server connection and the output, made from the global options. */
import type { Command } from "commander";
import { createGraphQLClient, type GraphQLClient } from "./graphql-client.js";
import { createOutput, type Output } from "./output.js";
import { resolveToken } from "./token.js";

export const DEFAULT_URL = "http://127.0.0.1:4000/graphql";

export interface CliContext {
  client: GraphQLClient;
  output: Output;
}

export function contextOf(command: Command): CliContext {
  const options = command.optsWithGlobals<{ url: string; token?: string; json?: boolean }>();
  const token = resolveToken({ option: options.token, env: process.env, url: options.url });
  return { client: createGraphQLClient(options.url, token), output: createOutput(options.json ?? false) };
}
