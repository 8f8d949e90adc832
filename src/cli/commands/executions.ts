/** exec, exec-file, executions, logs and delete-execution. */
import { type Command, InvalidArgumentError } from "commander";
import { EXECUTION_STATUSES, type ExecutionStatus } from "../../domain/execution.js";
import { languageNames } from "../../domain/language-phrases.js";
import { languageCatalog } from "../../languages/catalog.js";
import { action } from "../action.js";
import type { CliContext } from "../context.js";
import { languageArgument } from "../enum-names.js";
import { createEventPrinter, type PrintedEvent, PrintedEventFields } from "../event-printer.js";
import { exitCodeOf } from "../exit-codes.js";
import { graphql } from "../graphql.js";
import { table } from "../output.js";
import { collect, integer, languageAndVersion, type RunOptions, runInputOf, withRunOptions } from "../run-options.js";

const RunSubscription = graphql(
  `
  subscription Run($input: ExecuteInput!) {
    run(input: $input, cancelOnUnsubscribe: true) {
      ...PrintedEvent
    }
  }
`,
  [PrintedEventFields],
);

const ExecuteFileMutation = graphql(`
  mutation ExecuteFile($input: ExecuteFileInput!) {
    executeFile(input: $input) {
      id
    }
  }
`);

const ExecutionEventsSubscription = graphql(
  `
  subscription ExecutionEvents($id: ID!, $cancelOnUnsubscribe: Boolean = false) {
    executionEvents(id: $id, cancelOnUnsubscribe: $cancelOnUnsubscribe) {
      ...PrintedEvent
    }
  }
`,
  [PrintedEventFields],
);

const CancelExecutionMutation = graphql(`
  mutation CancelExecution($id: ID!) {
    cancelExecution(id: $id) {
      status
    }
  }
`);

const DeleteExecutionMutation = graphql(`
  mutation DeleteExecution($id: ID!) {
    deleteExecution(id: $id)
  }
`);

const ExecutionsQuery = graphql(`
  query Executions($first: Int, $status: ExecutionStatus) {
    executions(first: $first, status: $status) {
      totalCount
      edges {
        node {
          id
          language
          status
          exitCode
          createdAt
          durationMs
        }
      }
    }
  }
`);

const ExecutionOutputQuery = graphql(`
  query ExecutionOutput($id: ID!) {
    execution(id: $id) {
      id
      status
      exitCode
      stdout
      stderr
    }
  }
`);

function executionStatus(value: string): ExecutionStatus {
  const status = EXECUTION_STATUSES.find((candidate) => candidate === value.toUpperCase());
  if (!status) throw new InvalidArgumentError(`give one of ${EXECUTION_STATUSES.join(", ")}.`);
  return status;
}

/**
 * Prints an execution's events until it ends and returns its exit code. Its subscription asks the
 * server to cancel the execution if the subscription ends first (cancelOnUnsubscribe), so a CLI that
 * dies or loses its socket leaves no run behind. Ctrl-C, once the id is known, sends cancelExecution
 * and keeps following until the CANCELLED status is printed (exit 130); a second Ctrl-C, or one
 * before the id is known, exits 130 at once, and the closed socket makes the server cancel.
 */
async function followExecution(
  { client, output }: CliContext,
  subscribe: (onEvent: (event: PrintedEvent) => void) => Promise<void>,
  options: { knownId?: string; stats?: boolean } = {},
): Promise<number> {
  const printer = createEventPrinter(output, { stats: options.stats });
  let executionId = options.knownId;
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted || !executionId) process.exit(130);
    interrupted = true;
    process.stderr.write("\ncancelling ...\n");
    client.request(CancelExecutionMutation, { id: executionId }).catch(() => process.exit(130));
  };
  process.on("SIGINT", onInterrupt);
  try {
    await subscribe((event) => {
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
      .argument(
        "<language>",
        `${languageNames(languageCatalog())}; with @version for a runtime version (node@22, csharp@8)`,
      )
      .argument("<code>", "the code, or - to read it from standard input")
      .option("--file-id <id>", "a stored file to copy into /workspace (repeatable)", collect, []),
  )
    .addHelpText(
      "after",
      `
Exit codes: the program's own; 124 when timed out, 137 when killed for memory, 130 when cancelled.
Ctrl-C cancels the execution on the server and waits for it to end; a second Ctrl-C exits at once.
Examples:
  $ mcp-docker-executor exec python "print('Hello from Python!')"
  $ echo 'console.log(1 + 1)' | mcp-docker-executor exec js -
  $ mcp-docker-executor exec py "import time; time.sleep(5)" --timeout 1000
  $ mcp-docker-executor exec py "import sys; print(sys.argv[1:])" --arg one --arg "two words"
  $ mcp-docker-executor exec node@22 "console.log(process.version)"
  $ mcp-docker-executor exec csharp "Console.WriteLine(Environment.Version);" --version-of 8`,
    )
    .action(
      action(async (context, language: string, code: string, options: RunOptions & { fileId: string[] }) => {
        const chosen = languageAndVersion(language, options);
        const input = {
          language: languageArgument(chosen.language),
          code: await readCode(code),
          fileIds: options.fileId.length > 0 ? options.fileId : undefined,
          ...runInputOf(options),
          version: chosen.version,
        };
        return followExecution(
          context,
          (onEvent) => context.client.subscribe(RunSubscription, { input }, (data) => onEvent(data.run)),
          { stats: options.stats },
        );
      }),
    );

  withRunOptions(
    program
      .command("exec-file")
      .description("run a stored file under its own name, streaming its output")
      .argument("<file-id>", "id of a stored file (see list-files)")
      .option("--language <language>", "run it as this language instead of the file's own (may carry @version)"),
  )
    .addHelpText(
      "after",
      `
Exit codes and Ctrl-C: as for exec.
Examples:
  $ mcp-docker-executor exec-file 5f0c… --stdin 'input'
  $ mcp-docker-executor exec-file 5f0c… --arg --verbose --arg data.csv --timeout 5000`,
    )
    .action(
      action(async (context, fileId: string, options: RunOptions & { language?: string }) => {
        const chosen = options.language ? languageAndVersion(options.language, options) : undefined;
        const { executeFile } = await context.client.request(ExecuteFileMutation, {
          input: {
            fileId,
            language: chosen ? languageArgument(chosen.language) : undefined,
            ...runInputOf(options),
            version: chosen ? chosen.version : options.versionOf,
            wait: false,
          },
        });
        return followExecution(
          context,
          (onEvent) =>
            context.client.subscribe(
              ExecutionEventsSubscription,
              { id: executeFile.id, cancelOnUnsubscribe: true },
              (data) => onEvent(data.executionEvents),
            ),
          { knownId: executeFile.id, stats: options.stats },
        );
      }),
    );

  program
    .command("executions")
    .description("list executions, newest first")
    .option("--first <n>", "how many", integer, 20)
    .option("--status <status>", `only this status (${EXECUTION_STATUSES.join(", ")})`, executionStatus)
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor executions --status FAILED")
    .action(
      action(async ({ client, output }, options: { first: number; status?: ExecutionStatus }) => {
        const { executions } = await client.request(ExecutionsQuery, { first: options.first, status: options.status });
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
    .option("-f, --follow", "follow the output live (Ctrl-C stops following; the execution goes on)")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor logs 0b6e… --follow")
    .action(
      action(async (context, id: string, options: { follow?: boolean }) => {
        if (options.follow) {
          const printer = createEventPrinter(context.output, { logsOnly: true });
          await context.client.subscribe(ExecutionEventsSubscription, { id }, (data) =>
            printer.print(data.executionEvents),
          );
          return 0;
        }
        const { execution } = await context.client.request(ExecutionOutputQuery, { id });
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

  program
    .command("delete-execution")
    .description("delete a finished execution with its output and events (cancel a running one first)")
    .argument("<execution-id>")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor delete-execution 0b6e…")
    .action(
      action(async ({ client, output }, id: string) => {
        const result = await client.request(DeleteExecutionMutation, { id });
        output.result(result, () => `deleted execution ${id}`);
        return 0;
      }),
    );
}
