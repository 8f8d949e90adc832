/**
 * Wraps a command's action: builds its context, closes the connection afterwards, and turns
 * errors into a message on stderr and the exit code (2: no server, 1: a refused request).
 */
import type { Command } from "commander";
import { messageOf } from "../domain/errors.js";
import { type CliContext, contextOf } from "./context.js";
import { CliError } from "./graphql-client.js";

/** An action gets the positional arguments, then the options; it resolves with the exit code. */
export type Action<Args extends unknown[]> = (context: CliContext, ...args: Args) => Promise<number>;

export function action<Args extends unknown[]>(run: Action<Args>) {
  return async function (this: Command, ...args: unknown[]): Promise<void> {
    const context = contextOf(this);
    let code: number;
    try {
      code = await run(context, ...(args.slice(0, -1) as Args));
    } catch (error) {
      code = error instanceof CliError ? error.exitCode : 1;
      process.stderr.write(`error: ${messageOf(error)}\n`);
    } finally {
      await context.client.close();
    }
    process.exitCode = code;
  };
}
