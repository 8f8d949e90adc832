/** The options exec and exec-file share (image, input, arguments, limits), defined once for both. */
import { type Command, InvalidArgumentError } from "commander";

export interface RunOptions {
  image?: string;
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
    stdin: options.stdin,
    args: options.arg,
    limits: Object.values(limits).some((value) => value !== undefined) ? limits : undefined,
  };
}
