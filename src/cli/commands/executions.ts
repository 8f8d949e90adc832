/** exec, exec-file, executions and logs. */
import type { Command } from "commander";
import { languageFromAlias } from "../../languages/aliases.js";
import { action } from "../action.js";
import type { CliContext } from "../context.js";
import { createEventPrinter, EVENT_FIELDS, type PrintedEvent } from "../event-printer.js";
import { exitCodeOf } from "../exit-codes.js";
import { table } from "../output.js";

interface RunOptions {
  image?: string;
  stdin?: string;
  timeout?: number;
  memory?: number;
  cpus?: number;
  network?: boolean;
}

const integer = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new Error(`${value} is not a whole number`);
  return parsed;
};
const collect = (value: string, previous: string[]) => [...previous, value];

function limitsOf(options: RunOptions) {
  const limits = {
    timeoutMs: options.timeout,
    memoryMb: options.memory,
    cpus: options.cpus,
    network: options.network,
  };
  return Object.values(limits).some((value) => value !== undefined) ? limits : undefined;
}

function withRunOptions(command: Command): Command {
  return command
    .option("--image <id>", "image to run in (default: the default image)")
    .option("--stdin <text>", "standard input for the program")
    .option("--timeout <ms>", "time limit in milliseconds", integer)
    .option("--memory <mb>", "memory limit in MiB", integer)
    .option("--cpus <n>", "CPU limit", Number)
    .option("--network", "allow network access");
}

/**
 * Streams an execution's events until it ends and returns its exit code; Ctrl-C cancels the
 * execution on the server (the stream then ends with CANCELLED).
 */
async function streamExecution(
  { client, output }: CliContext,
  subscription: string,
  variables: Record<string, unknown>,
  knownId?: string,
): Promise<number> {
  const printer = createEventPrinter(output);
  let executionId = knownId;
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted || !executionId) process.exit(130);
    interrupted = true;
    process.stderr.write("\ncancelling ...\n");
    client
      .request("mutation ($id: ID!) { cancelExecution(id: $id) { status } }", { id: executionId })
      .catch(() => process.exit(130));
  };
  process.on("SIGINT", onInterrupt);
  try {
    await client.subscribe<Record<string, PrintedEvent>>(subscription, variables, (data) => {
      const event = Object.values(data)[0] as PrintedEvent;
      executionId ??= event.executionId;
      printer.print(event);
    });
  } finally {
    process.off("SIGINT", onInterrupt);
  }
  return printer.finished ? exitCodeOf(printer.finished) : 1;
}

async function readCode(code: string): Promise<string> {
  if (code !== "-") return code;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function registerExecutionCommands(program: Command): void {
  withRunOptions(
    program
      .command("exec")
      .description("run code, streaming its stdout and stderr as they come; exits with the program's exit code")
      .argument("<language>", "python|py, node|js|javascript, csharp|cs|c#|dotnet, bash|sh")
      .argument("<code>", "the code, or - to read it from standard input")
      .option("--file-id <id>", "a stored file to copy into /workspace (repeatable)", collect, []),
  )
    .addHelpText(
      "after",
      `
Exit codes: the program's own; 124 when timed out, 137 when killed for memory, 130 when cancelled.
Examples:
  $ mcp-docker-executor exec python "print('Hello from Python!')"
  $ echo 'console.log(1 + 1)' | mcp-docker-executor exec js -
  $ mcp-docker-executor exec py "import time; time.sleep(5)" --timeout 1000`,
    )
    .action(
      action(async (context, language: string, code: string, options: RunOptions & { fileId: string[] }) => {
        const input = {
          language: languageFromAlias(language),
          code: await readCode(code),
          imageId: options.image,
          stdin: options.stdin,
          fileIds: options.fileId.length > 0 ? options.fileId : undefined,
          limits: limitsOf(options),
        };
        return streamExecution(
          context,
          `subscription ($input: ExecuteInput!) { run(input: $input) { ${EVENT_FIELDS} } }`,
          {
            input,
          },
        );
      }),
    );

  withRunOptions(
    program
      .command("exec-file")
      .description("run a stored file under its own name, streaming its output")
      .argument("<file-id>", "id of a stored file (see list-files)")
      .option("--language <language>", "run it as this language instead of the file's own"),
  )
    .option("--args <arg...>", "arguments for the program")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor exec-file 5f0c…  --stdin 'input'")
    .action(
      action(async (context, fileId: string, options: RunOptions & { language?: string; args?: string[] }) => {
        const { executeFile } = await context.client.request<{ executeFile: { id: string } }>(
          "mutation ($input: ExecuteFileInput!) { executeFile(input: $input) { id } }",
          {
            input: {
              fileId,
              language: options.language ? languageFromAlias(options.language) : undefined,
              imageId: options.image,
              stdin: options.stdin,
              args: options.args,
              limits: limitsOf(options),
              wait: false,
            },
          },
        );
        return streamExecution(
          context,
          `subscription ($id: ID!) { executionEvents(id: $id) { ${EVENT_FIELDS} } }`,
          { id: executeFile.id },
          executeFile.id,
        );
      }),
    );

  program
    .command("executions")
    .description("list executions, newest first")
    .option("--first <n>", "how many", integer, 20)
    .option("--status <status>", "only this status (SUCCEEDED, FAILED, TIMED_OUT, ...)")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor executions --status FAILED")
    .action(
      action(async ({ client, output }, options: { first: number; status?: string }) => {
        const { executions } = await client.request<{
          executions: {
            totalCount: number;
            edges: {
              node: {
                id: string;
                language: string;
                status: string;
                exitCode: number | null;
                createdAt: string;
                durationMs: number | null;
              };
            }[];
          };
        }>(
          `query ($first: Int, $status: ExecutionStatus) { executions(first: $first, status: $status) {
             totalCount edges { node { id language status exitCode createdAt durationMs } } } }`,
          { first: options.first, status: options.status?.toUpperCase() },
        );
        const nodes = executions.edges.map((edge) => edge.node);
        output.result({ totalCount: executions.totalCount, executions: nodes }, () =>
          table(
            ["ID", "LANGUAGE", "STATUS", "EXIT", "MS", "CREATED"],
            nodes.map((node) => [node.id, node.language, node.status, node.exitCode, node.durationMs, node.createdAt]),
          ),
        );
        return 0;
      }),
    );

  program
    .command("logs")
    .description("show an execution's output; with --follow, stream it until the execution ends")
    .argument("<execution-id>")
    .option("-f, --follow", "follow the output live")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor logs 0b6e… --follow")
    .action(
      action(async (context, id: string, options: { follow?: boolean }) => {
        if (options.follow) {
          const printer = createEventPrinter(context.output, { logsOnly: true });
          await context.client.subscribe<{ executionEvents: PrintedEvent }>(
            `subscription ($id: ID!) { executionEvents(id: $id) { ${EVENT_FIELDS} } }`,
            { id },
            (data) => printer.print(data.executionEvents),
          );
          return 0;
        }
        const { execution } = await context.client.request<{
          execution: { id: string; status: string; exitCode: number | null; stdout: string; stderr: string } | null;
        }>("query ($id: ID!) { execution(id: $id) { id status exitCode stdout stderr } }", { id });
        if (!execution) {
          process.stderr.write(`error: NOT_FOUND: id ${id} names no execution.\n`);
          return 1;
        }
        context.output.result(execution, () => {
          process.stderr.write(execution.stderr);
          return execution.stdout;
        });
        return 0;
      }),
    );
}
