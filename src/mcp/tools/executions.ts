/** Tools that run code and read executions: thin adapters over the executions service. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { ServiceError } from "../../domain/errors.js";
import { EXECUTION_STATUSES, type Execution, type ExecutionStatus } from "../../domain/execution.js";
import { languageFromAlias } from "../../languages/aliases.js";
import type { Services } from "../../services/index.js";
import { progressReporter, type ToolExtra } from "../progress.js";
import { answer, success } from "../tool-results.js";

const LANGUAGE = z.string().describe("PYTHON, NODE, CSHARP or BASH (any case; py, js, cs, sh also work)");

const LIMITS = {
  timeoutMs: z.number().int().optional().describe("wall-clock limit in ms (server default 10000, maximum 300000)"),
  memoryMb: z.number().int().optional().describe("memory limit in MiB (default 256)"),
  network: z.boolean().optional().describe("allow network access (default false)"),
};

const RUN_INPUT = {
  imageId: z.string().optional().describe("image to run in (default: the default image with every language)"),
  stdin: z.string().optional().describe("standard input for the program"),
  args: z.array(z.string()).optional().describe("command-line arguments"),
  ...LIMITS,
};

const EXECUTION_OUTPUT = {
  id: z.string(),
  language: z.string(),
  status: z
    .string()
    .describe("SUCCEEDED, FAILED, TIMED_OUT, OOM_KILLED, CANCELLED, ERROR (QUEUED/RUNNING while running)"),
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  outputTruncated: z.boolean(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  warnings: z.array(z.string()),
};

function structured(execution: Execution) {
  return {
    id: execution.id,
    language: execution.language,
    status: execution.status,
    exitCode: execution.exitCode,
    stdout: execution.stdout,
    stderr: execution.stderr,
    outputTruncated: execution.outputTruncated,
    durationMs: execution.durationMs,
    error: execution.error,
    warnings: execution.warnings,
  };
}

/** Exit status first, then stdout and stderr: what a model reads. */
function summary(execution: Execution): string {
  const head = `${execution.status}${execution.exitCode === null ? "" : ` (exit code ${execution.exitCode})`}${
    execution.error ? `: ${execution.error}` : ""
  }`;
  const parts = [head];
  if (execution.stdout) parts.push(`stdout:\n${execution.stdout}`);
  if (execution.stderr) parts.push(`stderr:\n${execution.stderr}`);
  if (execution.outputTruncated) parts.push("(output was truncated at the output limit)");
  return parts.join("\n");
}

/** What both run tools pass on: the image, stdin, args and limits; the tool follows the run itself. */
function runOptions(input: {
  imageId?: string;
  stdin?: string;
  args?: string[];
  timeoutMs?: number;
  memoryMb?: number;
  network?: boolean;
}) {
  return {
    imageId: input.imageId,
    stdin: input.stdin,
    args: input.args,
    limits: { timeoutMs: input.timeoutMs, memoryMb: input.memoryMb, network: input.network },
    wait: false,
  };
}

const finished = (execution: Execution) => success(summary(execution), structured(execution));

/**
 * Follows a started execution to its end, passing output and status changes on as progress;
 * cancelling the tool call cancels the execution.
 */
async function followToEnd(services: Services, id: string, extra: ToolExtra): Promise<Execution> {
  const report = progressReporter(extra);
  const onAbort = () => void services.executions.cancel(id).catch(() => undefined);
  extra.signal.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const event of services.executions.events(id)) {
      await report(event.kind === "LOG" ? event.data : `status: ${event.status}`).catch(() => undefined);
    }
  } finally {
    extra.signal.removeEventListener("abort", onAbort);
  }
  return services.executions.require(id);
}

export function registerExecutionTools(server: McpServer, services: Services): void {
  server.registerTool(
    "execute_code",
    {
      title: "Run code in a sandbox",
      description: `Runs a program in a fresh, locked-down container and waits for it to end. Python 3, Node.js (CommonJS;
use import() for ESM), C# (one file of top-level statements) or Bash. No network unless network is true; default limits:
10 s, 256 MiB; the output kept is at most 1 MiB. Send a progress token to receive output while it runs.
Example: {"language": "python", "code": "print(sum(range(10)))"} returns status SUCCEEDED with stdout "45\\n".`,
      inputSchema: {
        language: LANGUAGE,
        code: z.string().describe("the program's source"),
        fileIds: z
          .array(z.string())
          .optional()
          .describe("stored files (see upload_file) copied into the working directory"),
        ...RUN_INPUT,
      },
      outputSchema: EXECUTION_OUTPUT,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (input, extra) =>
      answer(async () => {
        const started = await services.executions.execute({
          ...runOptions(input),
          language: languageFromAlias(input.language),
          code: input.code,
          fileIds: input.fileIds,
        });
        return finished(await followToEnd(services, started.id, extra));
      }),
  );

  server.registerTool(
    "execute_file",
    {
      title: "Run a stored file",
      description: `Runs a file stored with upload_file under its own name in /workspace, and waits for it to end.
The file's language is used unless language is given. Same limits as execute_code.
Example: {"fileId": "<id from upload_file>", "args": ["--verbose"]}.`,
      inputSchema: { fileId: z.string(), language: LANGUAGE.optional(), ...RUN_INPUT },
      outputSchema: EXECUTION_OUTPUT,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (input, extra) =>
      answer(async () => {
        const started = await services.executions.executeFile({
          ...runOptions(input),
          fileId: input.fileId,
          language: input.language ? languageFromAlias(input.language) : undefined,
        });
        return finished(await followToEnd(services, started.id, extra));
      }),
  );

  server.registerTool(
    "cancel_execution",
    {
      title: "Cancel an execution",
      description:
        'Stops a queued or running execution (it ends CANCELLED); a finished one is returned as it is.\nExample: {"id": "<execution id>"}.',
      inputSchema: { id: z.string() },
      outputSchema: EXECUTION_OUTPUT,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (input) =>
      answer(async () => {
        return finished(await services.executions.cancel(input.id));
      }),
  );

  server.registerTool(
    "get_execution",
    {
      title: "Get an execution",
      description: 'Returns one execution with its status, exit code and output.\nExample: {"id": "<execution id>"}.',
      inputSchema: { id: z.string() },
      outputSchema: EXECUTION_OUTPUT,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    (input) =>
      answer(async () => {
        return finished(services.executions.require(input.id));
      }),
  );

  server.registerTool(
    "list_executions",
    {
      title: "List executions",
      description:
        'Lists recent executions, newest first (at most 100), optionally by status.\nExample: {"status": "FAILED", "first": 5}.',
      inputSchema: {
        first: z.number().int().min(1).max(100).optional(),
        status: z
          .string()
          .optional()
          .describe("QUEUED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, OOM_KILLED, CANCELLED, ERROR"),
      },
      outputSchema: {
        totalCount: z.number().int(),
        executions: z.array(
          z.object({
            id: z.string(),
            language: z.string(),
            status: z.string(),
            exitCode: z.number().int().nullable(),
            createdAt: z.string(),
          }),
        ),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    (input) =>
      answer(async () => {
        const status = input.status?.toUpperCase() ?? null;
        if (status !== null && !(EXECUTION_STATUSES as readonly string[]).includes(status)) {
          throw new ServiceError("BAD_USER_INPUT", `status: give one of ${EXECUTION_STATUSES.join(", ")}.`);
        }
        const page = services.executions.page({
          first: input.first ?? 20,
          afterPosition: null,
          status: status as ExecutionStatus | null,
          language: null,
        });
        const executions = page.items.map(({ execution }) => ({
          id: execution.id,
          language: execution.language,
          status: execution.status,
          exitCode: execution.exitCode,
          createdAt: execution.createdAt.toISOString(),
        }));
        const lines = executions.map((item) => `${item.id} ${item.language} ${item.status} ${item.exitCode ?? "-"}`);
        return success(`${page.totalCount} executions\n${lines.join("\n")}`, {
          totalCount: page.totalCount,
          executions,
        });
      }),
  );

  server.registerTool(
    "list_runtimes",
    {
      title: "List runtimes",
      description:
        "Lists the languages of the default image with their runtime versions and package managers.\nExample: {}.",
      inputSchema: {},
      outputSchema: {
        runtimes: z.array(
          z.object({
            language: z.string(),
            version: z.string(),
            fileExtension: z.string(),
            packageManager: z.string().nullable(),
          }),
        ),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    () =>
      answer(async () => {
        const runtimes = await services.runtimes.defaultImageRuntimes();
        return success(runtimes.map((runtime) => `${runtime.language} ${runtime.version}`).join("\n"), { runtimes });
      }),
  );
}
