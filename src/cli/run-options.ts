/** The options exec and exec-file share (image, input, arguments, limits), defined once for both. */
import { type Command, InvalidArgumentError, Option } from "commander";

export interface RunOptions {
  image?: string;
  isolation?: "STANDARD" | "STRONG";
  /** The runtime version (commander's --version is the CLI's own). */
  versionOf?: string;
  stdin?: string;
  arg: string[];
  timeout?: number;
  memory?: number;
  cpus?: number;
  pids?: number;
  outputLimit?: number;
  network?: boolean;
  /** Print a one-line usage summary after the output. */
  stats?: boolean;
}

export function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError(`${value} is not a whole number.`);
  return parsed;
}

function decimal(value: string): number {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed)) throw new InvalidArgumentError(`${value} is not a number.`);
  return parsed;
}

/** Parser of a repeatable option: the values in the order given. */
export const collect = (value: string, previous: string[]) => [...previous, value];

export function withRunOptions(command: Command): Command {
  return command
    .option("--image <id>", "image to run in (default: the default image)")
    .option(
      "--version-of <version>",
      "the language's runtime version: a line such as 22 or 8, or an exact version (default: the image's); language@version says the same",
    )
    .addOption(
      new Option(
        "--isolation <level>",
        "STANDARD (runc) or STRONG (gVisor, no network); default: the server's",
      ).choices(["STANDARD", "STRONG"]),
    )
    .option("--stdin <text>", "standard input for the program")
    .option("--arg <value>", "an argument for the program (repeatable, passed in order)", collect, [])
    .option("--timeout <ms>", "time limit in milliseconds", integer)
    .option("--memory <mb>", "memory limit in MiB", integer)
    .option("--cpus <n>", "CPU limit", decimal)
    .option("--pids <n>", "limit on processes and threads", integer)
    .option("--output-limit <bytes>", "stdout and stderr bytes kept; the rest is dropped", integer)
    .option("--network", "allow network access")
    .option("--stats", "after the output, print what the run used (memory peak, CPU time, processes) on stderr");
}

/**
 * A language argument with an optional @version (node@22, csharp@8), and the version it names or
 * --version-of gives; the two must agree when both are there.
 */
export function languageAndVersion(text: string, options: RunOptions): { language: string; version?: string } {
  const at = text.lastIndexOf("@");
  // "c#" has no @; a leading @ is no version.
  if (at <= 0) return { language: text, version: options.versionOf };
  const version = text.slice(at + 1);
  if (options.versionOf !== undefined && options.versionOf !== version) {
    throw new InvalidArgumentError(`${text} and --version-of ${options.versionOf} name different versions.`);
  }
  return { language: text.slice(0, at), version };
}

/** What the options give to ExecuteInput and ExecuteFileInput alike; omitted limits take the server's defaults. */
export function runInputOf(options: RunOptions) {
  const limits = {
    timeoutMs: options.timeout,
    memoryMb: options.memory,
    cpus: options.cpus,
    pids: options.pids,
    outputLimitBytes: options.outputLimit,
    network: options.network,
  };
  return {
    imageId: options.image,
    version: options.versionOf,
    isolation: options.isolation,
    stdin: options.stdin,
    args: options.arg,
    limits: Object.values(limits).some((value) => value !== undefined) ? limits : undefined,
  };
}
