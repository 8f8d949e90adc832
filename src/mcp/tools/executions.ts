/** Tools that run code and read executions: thin adapters over the executions service. */
import { z } from "zod";
import { ServiceError } from "../../domain/errors.js";
import { EXECUTION_STATUSES, type Execution, type ExecutionStatus, executionSchema } from "../../domain/execution.js";
import { languageChoices } from "../../domain/language-phrases.js";
import type { LanguageCatalog } from "../../domain/languages.js";
import type { ExecutionPolicy, LimitsRequest } from "../../domain/limits.js";
import type { Actor } from "../../domain/principal.js";
import { limitsInputSchema, runInputSchemas } from "../../domain/run-inputs.js";
import { runtimeInfoSchema } from "../../domain/runtime.js";
import { describeUsage } from "../../domain/usage.js";
import { languageFromAlias } from "../../languages/aliases.js";
import type { Services } from "../../services/index.js";
import type { ToolKit } from "../caller.js";
import { progressReporter, type ToolContext } from "../progress.js";
import { isoDate, success } from "../tool-results.js";

/**
 * The run tools' inputs, derived from the domain's one description of each operation with the
 * limits in force on this server. Limits sit at the top level (flat is easier for a model to
 * fill); `wait` is left out: a tool call always follows its run to the end.
 */
function runToolInputs(policy: ExecutionPolicy, catalog: LanguageCatalog) {
  const inputs = runInputSchemas(catalog);
  const limits = limitsInputSchema(policy).shape;
  const execute = inputs.execute(policy).shape;
  const executeFile = inputs.executeFile(policy).shape;
  const shared = { imageId: execute.imageId, stdin: execute.stdin, args: execute.args, ...limits };
  // A name in any case or an alias, of every registered language, plugins included.
  const languageField = z.string().describe(languageChoices(catalog));
  return {
    executeCode: { language: languageField, code: execute.code, fileIds: execute.fileIds, ...shared },
    executeFile: { fileId: executeFile.fileId, language: languageField.optional(), ...shared },
  };
}

/** What the run tools answer of an execution: how it went, not what it was asked to run. */
const executionResult = executionSchema.pick({
  id: true,
  language: true,
  status: true,
  exitCode: true,
  stdout: true,
  stderr: true,
  outputTruncated: true,
  durationMs: true,
  usage: true,
  error: true,
  warnings: true,
});

/** What list_executions answers of each execution (its createdAt as ISO-8601). */
const executionListItem = executionSchema.pick({ id: true, language: true, status: true, exitCode: true });

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

const finished = (execution: Execution) => success(summary(execution), executionResult.parse(execution));

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
async function followToEnd(services: Services, actor: Actor, id: string, context: ToolContext): Promise<Execution> {
  const report = progressReporter(context);
  const events = await services.executions.follow(actor, id, { onDetach: "cancel" });
  const onAbort = () => void events.return();
  context.mcpReq.signal.addEventListener("abort", onAbort, { once: true });
  // Cancelled while the run was being started: no abort event will come any more.
  if (context.mcpReq.signal.aborted) onAbort();
  try {
    for await (const event of events) {
      await report(event.kind === "LOG" ? event.data : `status: ${event.status}`);
    }
  } finally {
    context.mcpReq.signal.removeEventListener("abort", onAbort);
  }
  return services.executions.require(actor, id);
}

/** "- python: Python 3, run as main.py …", a line per language: what a model reads before it picks one. */
const languageLines = ({ languages }: LanguageCatalog): string =>
  languages.map((language) => `- ${language.id.toLowerCase()}: ${language.description}`).join("\n");

export function registerExecutionTools(services: Services, { tool, callerOf, catalog }: ToolKit): void {
  const { policy } = services.executions;
  const inputs = runToolInputs(policy, catalog);
  tool(
    "execute_code",
    {
      title: "Run code in a sandbox",
      description: `Runs a program in a fresh, locked-down container and waits for it to end, in one of these languages:
${languageLines(catalog)}
${policyText(policy)}
Send a progress token to receive output while it runs; cancelling the call cancels the run.
Example: {"language": "python", "code": "print(sum(range(10)))"} returns status SUCCEEDED with stdout "45\\n".`,
      input: inputs.executeCode,
      output: executionResult.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (input, context) => {
      const actor = callerOf(context);
      const started = await services.executions.execute(actor, {
        ...runOptions(input),
        language: languageFromAlias(input.language),
        code: input.code,
        fileIds: input.fileIds,
      });
      return finished(await followToEnd(services, actor, started.id, context));
    },
  );

  tool(
    "execute_file",
    {
      title: "Run a stored file",
      description: `Runs a file stored with upload_file under its own name in /workspace, and waits for it to end.
The file's language is used unless language is given. Same limits as execute_code.
Example: {"fileId": "<id from upload_file>", "args": ["--verbose"]}.`,
      input: inputs.executeFile,
      output: executionResult.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (input, context) => {
      const actor = callerOf(context);
      const started = await services.executions.executeFile(actor, {
        ...runOptions(input),
        fileId: input.fileId,
        language: input.language ? languageFromAlias(input.language) : undefined,
      });
      return finished(await followToEnd(services, actor, started.id, context));
    },
  );

  tool(
    "cancel_execution",
    {
      title: "Cancel an execution",
      description:
        'Stops a queued or running execution (it ends CANCELLED); a finished one is returned as it is.\nExample: {"id": "<execution id>"}.',
      input: { id: z.string() },
      output: executionResult.shape,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (input, context) => {
      return finished(await services.executions.cancel(callerOf(context), input.id));
    },
  );

  tool(
    "delete_execution",
    {
      title: "Delete an execution",
      description:
        'Deletes a finished execution with its output and events, for good; a queued or running one is refused (cancel it first).\nExample: {"id": "<execution id>"}.',
      input: { id: z.string() },
      output: { deleted: z.boolean() },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    },
    async (input, context) => {
      await services.retention.deleteExecution(callerOf(context), input.id);
      return success(`deleted ${input.id}`, { deleted: true });
    },
  );

  tool(
    "get_execution",
    {
      title: "Get an execution",
      description: 'Returns one execution with its status, exit code and output.\nExample: {"id": "<execution id>"}.',
      input: { id: z.string() },
      output: executionResult.shape,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (input, context) => {
      return finished(await services.executions.require(callerOf(context), input.id));
    },
  );

  tool(
    "list_executions",
    {
      title: "List executions",
      description:
        'Lists recent executions, newest first (at most 100), optionally by status.\nExample: {"status": "FAILED", "first": 5}.',
      input: {
        first: z.number().int().min(1).max(100).optional(),
        status: z
          .string()
          .optional()
          .describe(`${EXECUTION_STATUSES.join(", ")} (any case)`),
      },
      output: {
        totalCount: z.number().int(),
        executions: z.array(executionListItem.extend({ createdAt: isoDate })),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (input, context) => {
      const status = input.status?.toUpperCase() ?? null;
      if (status !== null && !(EXECUTION_STATUSES as readonly string[]).includes(status)) {
        throw new ServiceError("BAD_USER_INPUT", `status: give one of ${EXECUTION_STATUSES.join(", ")}.`);
      }
      const page = await services.executions.page(callerOf(context), {
        first: input.first ?? 20,
        afterPosition: null,
        status: status as ExecutionStatus | null,
        language: null,
      });
      const executions = page.items.map(({ execution }) => ({
        ...executionListItem.parse(execution),
        createdAt: execution.createdAt.toISOString(),
      }));
      const lines = executions.map((item) => `${item.id} ${item.language} ${item.status} ${item.exitCode ?? "-"}`);
      return success(`${page.totalCount} executions\n${lines.join("\n")}`, {
        totalCount: page.totalCount,
        executions,
      });
    },
  );

  tool(
    "list_runtimes",
    {
      title: "List runtimes",
      description:
        "Lists the languages of the default image with their runtime versions and package managers.\nExample: {}.",
      input: {},
      output: { runtimes: z.array(runtimeInfoSchema) },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async () => {
      const runtimes = await services.runtimes.defaultImageRuntimes();
      return success(runtimes.map((runtime) => `${runtime.language} ${runtime.version}`).join("\n"), { runtimes });
    },
  );
}
