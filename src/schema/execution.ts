/** Executions, their limits, and the events of their logs. */
import type { Execution, ExecutionEvent, LogChunkEvent, StatusChangeEvent } from "../domain/execution.js";
import {
  type ExecutionPolicy,
  LIMIT_FIELDS,
  type Limits,
  type LimitsRequest,
  NETWORK_FIELD,
} from "../domain/limits.js";
import {
  type ExecuteFileRequest,
  type ExecuteRequest,
  limitsInputSchema,
  type RunInputSchemas,
} from "../domain/run-inputs.js";
import type { Builder } from "./builder.js";
import type { ConnectionOf } from "./connection.js";
import type { EnumRefs } from "./enums.js";
import type { UsageRefs } from "./usage.js";
import { inputTypeFromZod } from "./zod-input.js";

const OUTPUT =
  "decoded as UTF-8 (an invalid byte becomes U+FFFD). Filled in when the execution ends; stdout and stderr together keep at most limits.outputLimitBytes. For output as it comes, follow executionLogs.";

export function executionTypes(
  builder: Builder,
  { LanguageEnum, ExecutionStatusEnum, IsolationEnum, OutputStreamEnum }: EnumRefs,
  { ResourceUsageRef }: UsageRefs,
  connectionOf: ConnectionOf,
  runInputs: RunInputSchemas,
) {
  const LimitsRef = builder.objectRef<Limits>("Limits").implement({
    description:
      "The resource limits of a run: on an Execution, those it ran with (what it asked for, the server's defaults for the rest); in executionPolicy, the defaults.",
    fields: (t) => ({
      timeoutMs: t.exposeInt("timeoutMs", { description: LIMIT_FIELDS.timeoutMs.what }),
      memoryMb: t.exposeInt("memoryMb", { description: LIMIT_FIELDS.memoryMb.what }),
      cpus: t.exposeFloat("cpus", { description: LIMIT_FIELDS.cpus.what }),
      pids: t.exposeInt("pids", { description: LIMIT_FIELDS.pids.what }),
      network: t.exposeBoolean("network", { description: NETWORK_FIELD.what }),
      outputLimitBytes: t.exposeInt("outputLimitBytes", { description: LIMIT_FIELDS.outputLimitBytes.what }),
    }),
  });

  const LimitsInput = inputTypeFromZod<LimitsRequest>(builder, "LimitsInput", limitsInputSchema());

  const LimitMaximaRef = builder.objectRef<ExecutionPolicy["maxima"]>("LimitMaxima").implement({
    description: "The largest limits a request may ask for on this server.",
    fields: (t) => ({
      timeoutMs: t.exposeInt("timeoutMs", { description: `Milliseconds (${LIMIT_FIELDS.timeoutMs.maxSetting}).` }),
      memoryMb: t.exposeInt("memoryMb", { description: `MiB (${LIMIT_FIELDS.memoryMb.maxSetting}).` }),
      cpus: t.exposeFloat("cpus", { description: `Cores (${LIMIT_FIELDS.cpus.maxSetting}).` }),
      pids: t.exposeInt("pids", { description: `Processes and threads (${LIMIT_FIELDS.pids.maxSetting}).` }),
      outputLimitBytes: t.exposeInt("outputLimitBytes", {
        description: `Bytes of output kept (${LIMIT_FIELDS.outputLimitBytes.maxSetting}).`,
      }),
    }),
  });

  const ExecutionPolicyRef = builder.objectRef<ExecutionPolicy>("ExecutionPolicy").implement({
    description: "The limits in force on this server: what a run gets by default and the most it may ask for.",
    fields: (t) => ({
      defaults: t.field({
        type: LimitsRef,
        description: "What a run gets for each limit it leaves out.",
        resolve: (policy) => policy.defaults,
      }),
      maxima: t.field({
        type: LimitMaximaRef,
        description: "The most a run may ask for, per limit; a request above it is refused with LIMIT_EXCEEDED.",
        resolve: (policy) => policy.maxima,
      }),
      networkAllowed: t.exposeBoolean("networkAllowed", {
        description: `Whether a request may turn the network on (${NETWORK_FIELD.allowedSetting}).`,
      }),
      maxCodeBytes: t.exposeInt("maxCodeBytes", {
        description: "Largest code (and stdin) accepted, in bytes (EXEC_MAX_CODE_BYTES).",
      }),
      maxConcurrency: t.exposeInt("maxConcurrency", {
        description: "Executions that run at once; the rest wait as QUEUED, in order (EXEC_MAX_CONCURRENCY).",
      }),
    }),
  });

  const ExecutionRef = builder.objectRef<Execution>("Execution").implement({
    description:
      "One run of a program in a fresh, locked-down container: what it ran with, where it is, and what it printed.",
    fields: (t) => ({
      id: t.exposeID("id", {
        description: "The execution's id: what execution, cancelExecution and executionEvents take.",
      }),
      ownerId: t.exposeID("ownerId", { nullable: true, description: "The principal whose key started it." }),
      language: t.expose("language", { type: LanguageEnum, description: "The language it ran as." }),
      isolation: t.expose("isolation", {
        type: IsolationEnum,
        description: "The isolation it ran under: STANDARD (runc) or STRONG (gVisor's runsc).",
      }),
      runtimeVersion: t.exposeString("runtimeVersion", {
        nullable: true,
        description:
          "The version of the language's runtime it ran on, as the image reports it (such as 22.23.3); null for runs recorded before versions existed.",
      }),
      status: t.expose("status", {
        type: ExecutionStatusEnum,
        description: "Where it is: QUEUED, RUNNING, or how it ended.",
      }),
      exitCode: t.exposeInt("exitCode", {
        nullable: true,
        description:
          "The program's exit code; null until it exits, and when it was stopped (TIMED_OUT, CANCELLED) or never ran (ERROR).",
      }),
      stdout: t.exposeString("stdout", { description: `What the program wrote to standard output, ${OUTPUT}` }),
      stderr: t.exposeString("stderr", { description: `What the program wrote to standard error, ${OUTPUT}` }),
      outputTruncated: t.exposeBoolean("outputTruncated", {
        description: "True when output passed limits.outputLimitBytes and the rest was dropped.",
      }),
      limits: t.expose("limits", {
        type: LimitsRef,
        description: "The limits it ran with: those it asked for, and the server's defaults for the rest.",
      }),
      warnings: t.exposeStringList("warnings", {
        description: "Advisory findings of the code analysis (for example a process spawn or a network call).",
      }),
      error: t.exposeString("error", {
        nullable: true,
        description: "Why the service could not run it (status ERROR); null otherwise.",
      }),
      createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was accepted, as QUEUED." }),
      startedAt: t.expose("startedAt", {
        type: "DateTime",
        nullable: true,
        description: "When it left the queue and its container began to start; null while QUEUED, or if it never ran.",
      }),
      finishedAt: t.expose("finishedAt", {
        type: "DateTime",
        nullable: true,
        description: "When it ended; null while QUEUED or RUNNING.",
      }),
      durationMs: t.exposeInt("durationMs", {
        nullable: true,
        description:
          "Milliseconds from startedAt to finishedAt, starting the container included; null until it ends, or if it never ran.",
      }),
      usage: t.expose("usage", {
        type: ResourceUsageRef,
        nullable: true,
        description:
          "What the run used (memory peak, CPU time, processes, block I/O); null until it ends, for runs that never started, and with EXEC_USAGE=off.",
      }),
    }),
  });

  const ExecutionConnectionRef = connectionOf("Execution", ExecutionRef, {
    one: "execution",
    many: "executions",
  });

  const ExecutionEventRef = builder.interfaceRef<ExecutionEvent>("ExecutionEvent").implement({
    description:
      "One event of an execution, in order: a piece of output (LogChunk) or a change of status (StatusChange). The last is a StatusChange to a final status.",
    resolveType: (event) => (event.kind === "LOG" ? "LogChunk" : "StatusChange"),
    fields: (t) => ({
      executionId: t.exposeID("executionId", { description: "The execution it belongs to." }),
      seq: t.exposeInt("seq", {
        description:
          "Its place among the execution's events, counting from 1; to resume a stream, pass the last one seen as afterSeq.",
      }),
      at: t.expose("at", { type: "DateTime", description: "When it happened." }),
    }),
  });

  const LogChunkRef = builder.objectRef<LogChunkEvent>("LogChunk").implement({
    description: "A piece of the program's output, as it came; kept output ends at limits.outputLimitBytes.",
    interfaces: [ExecutionEventRef],
    fields: (t) => ({
      stream: t.expose("stream", { type: OutputStreamEnum, description: "The stream it was written to." }),
      data: t.exposeString("data", {
        description:
          "The text, decoded as UTF-8 without splitting a character; chunks follow the program's writes, not its lines.",
      }),
    }),
  });

  builder.objectRef<StatusChangeEvent>("StatusChange").implement({
    description: "The execution's status changed.",
    interfaces: [ExecutionEventRef],
    fields: (t) => ({
      status: t.expose("status", { type: ExecutionStatusEnum, description: "The new status." }),
      execution: t.field({
        type: ExecutionRef,
        description:
          "The execution as it is when the event is delivered (not as it was at the event); on the final event, with its output.",
        resolve: (event, _args, { services, actor }) => services.executions.require(actor, event.executionId),
      }),
    }),
  });

  const ExecuteInput = inputTypeFromZod<ExecuteRequest>(builder, "ExecuteInput", runInputs.execute(), {
    language: LanguageEnum,
    limits: LimitsInput,
    isolation: IsolationEnum,
  });

  const ExecuteFileInput = inputTypeFromZod<ExecuteFileRequest>(builder, "ExecuteFileInput", runInputs.executeFile(), {
    language: LanguageEnum,
    limits: LimitsInput,
    isolation: IsolationEnum,
  });

  return {
    ExecutionPolicyRef,
    ExecutionRef,
    ExecutionConnectionRef,
    ExecutionEventRef,
    LogChunkRef,
    ExecuteInput,
    ExecuteFileInput,
  };
}

export type ExecutionRefs = ReturnType<typeof executionTypes>;
