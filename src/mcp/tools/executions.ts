/** Tools that run code and read executions: thin adapters over the executions service. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { ServiceError } from "../../domain/errors.js";
import { EXECUTION_STATUSES, type Execution, type ExecutionStatus } from "../../domain/execution.js";
import type { ExecutionPolicy, LimitsRequest } from "../../domain/limits.js";
import type { Actor } from "../../domain/principal.js";
import { executeFileInputSchema, executeInputSchema, limitsInputSchema } from "../../domain/run-inputs.js";
import { describeUsage } from "../../domain/usage.js";
import { languageChoices, languageFromAlias } from "../../languages/aliases.js";
import type { Services } from "../../services/index.js";
import type { ToolKit } from "../caller.js";
import { progressReporter, type ToolExtra } from "../progress.js";
import { success } from "../tool-results.js";

/**
 * The run tools' inputs, derived from the domain's one description of each operation with the
 * limits in force on this server. Limits sit at the top level (flat is easier for a model to
 * fill); `wait` is left out: a tool call always follows its run to the end.
 */
function runToolInputs(policy: ExecutionPolicy) {
  const limits = limitsInputSchema(policy).shape;
  const execute = executeInputSchema(policy).shape;
  const executeFile = executeFileInputSchema(policy).shape;
  const shared = { imageId: execute.imageId, stdin: execute.stdin, args: execute.args, ...limits };
  // Every registered language, plugins included.
  const languageField = z.string().describe(languageChoices());
  return {
    executeCode: { language: languageField, code: execute.code, fileIds: execute.fileIds, ...shared },
    executeFile: { fileId: executeFile.fileId, language: languageField.optional(), ...shared },
  };
}

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
  usage: z
    .object({
      peakMemoryBytes: z.number().nullable(),
      cpuTimeMs: z.number().int().nullable(),
      wallTimeMs: z.number().int().nullable(),
      maxPids: z.number().int().nullable(),
      blockReadBytes: z.number().nullable(),
      blockWriteBytes: z.number().nullable(),
    })
    .nullable()
    .describe("what the run used: memory peak in bytes, CPU and wall time in ms, most processes, block I/O bytes"),
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
    usage: execution.usage,
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
  if (execution.usage) parts.push(`usage: ${describeUsage(execution.usage)}`);
  return parts.join("\n");
}

type RunToolInput = { imageId?: string | null; stdin?: string | null; args?: string[] | null } & LimitsRequest;

/** What both run tools pass on: the image, stdin, args and every limit; the tool follows the run itself. */
function runOptions({ imageId, stdin, args, ...limits }: RunToolInput) {
  const picked = {
    timeoutMs: limits.timeoutMs,
    memoryMb: limits.memoryMb,
    cpus: limits.cpus,
    pids: limits.pids,
    network: limits.network,
    outputLimitBytes: limits.outputLimitBytes,
  };
  return { imageId, stdin, args, limits: picked, wait: false };
}

const finished = (execution: Execution) => success(summary(execution), structured(execution));

/** The limits in force, in a sentence a model reads before its first call. */
function policyText(policy: ExecutionPolicy): string {
  const { defaults, maxima } = policy;
  const network = policy.networkAllowed ? "no network unless network is true" : "no network (this server allows none)";
  return (
    `Default limits: ${defaults.timeoutMs} ms (at most ${maxima.timeoutMs}), ${defaults.memoryMb} MiB (at most ${maxima.memoryMb}), ` +
    `${defaults.cpus} CPU (at most ${maxima.cpus}), ${defaults.pids} processes (at most ${maxima.pids}), ` +
    `${defaults.outputLimitBytes} bytes of output kept (at most ${maxima.outputLimitBytes}); ${network}.`
  );
}

/**
 * Follows a started execution to its end, passing output and status changes on as progress.
 * MCP's choice on detach is "cancel": a cancelled tool call (or a closed session) cancels the run,
 * since no one is left to read its result.
 */
async function followToEnd(services: Services, actor: Actor, id: string, extra: ToolExtra): Promise<Execution> {
  const report = progressReporter(extra);
  const events = await services.executions.follow(actor, id, { onDetach: "cancel" });
  const onAbort = () => void events.return();
  extra.signal.addEventListener("abort", onAbort, { once: true });
  // Cancelled while the run was being started: no abort event will come any more.
  if (extra.signal.aborted) onAbort();
  try {
    for await (const event of events) {
      await report(event.kind === "LOG" ? event.data : `status: ${event.status}`);
    }
  } finally {
    extra.signal.removeEventListener("abort", onAbort);
  }
  return services.executions.require(actor, id);
}

export function registerExecutionTools(server: McpServer, services: Services, { callerOf, answer }: ToolKit): void {
  const { policy } = services.executions;
  const inputs = runToolInputs(policy);
  server.registerTool(
    "execute_code",
    {
      title: "Run code in a sandbox",
      description: `Runs a program in a fresh, locked-down container and waits for it to end. Python 3, Node.js (CommonJS;
use import() for ESM), C# (one file of top-level statements) or Bash. ${policyText(policy)}
Send a progress token to receive output while it runs; cancelling the call cancels the run.
Example: {"language": "python", "code": "print(sum(range(10)))"} returns status SUCCEEDED with stdout "45\\n".`,
      inputSchema: inputs.executeCode,
      outputSchema: EXECUTION_OUTPUT,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (input, extra) =>
      answer(async () => {
        const actor = callerOf(extra);
        const started = await services.executions.execute(actor, {
          ...runOptions(input),
          language: languageFromAlias(input.language),
          code: input.code,
          fileIds: input.fileIds,
        });
        return finished(await followToEnd(services, actor, started.id, extra));
      }),
  );

  server.registerTool(
    "execute_file",
    {
      title: "Run a stored file",
      description: `Runs a file stored with upload_file under its own name in /workspace, and waits for it to end.
The file's language is used unless language is given. Same limits as execute_code.
Example: {"fileId": "<id from upload_file>", "args": ["--verbose"]}.`,
      inputSchema: inputs.executeFile,
      outputSchema: EXECUTION_OUTPUT,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (input, extra) =>
      answer(async () => {
        const actor = callerOf(extra);
        const started = await services.executions.executeFile(actor, {
          ...runOptions(input),
          fileId: input.fileId,
          language: input.language ? languageFromAlias(input.language) : undefined,
        });
        return finished(await followToEnd(services, actor, started.id, extra));
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
    (input, extra) =>
      answer(async () => {
        return finished(await services.executions.cancel(callerOf(extra), input.id));
      }),
  );

  server.registerTool(
    "delete_execution",
    {
      title: "Delete an execution",
      description:
        'Deletes a finished execution with its output and events, for good; a queued or running one is refused (cancel it first).\nExample: {"id": "<execution id>"}.',
      inputSchema: { id: z.string() },
      outputSchema: { deleted: z.boolean() },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    },
    (input, extra) =>
      answer(async () => {
        await services.retention.deleteExecution(callerOf(extra), input.id);
        return success(`deleted ${input.id}`, { deleted: true });
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
    (input, extra) =>
      answer(async () => {
        return finished(await services.executions.require(callerOf(extra), input.id));
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
    (input, extra) =>
      answer(async () => {
        const status = input.status?.toUpperCase() ?? null;
        if (status !== null && !(EXECUTION_STATUSES as readonly string[]).includes(status)) {
          throw new ServiceError("BAD_USER_INPUT", `status: give one of ${EXECUTION_STATUSES.join(", ")}.`);
        }
        const page = await services.executions.page(callerOf(extra), {
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
