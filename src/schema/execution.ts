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
  executeFileInputSchema,
  executeInputSchema,
  limitsInputSchema,
} from "../domain/run-inputs.js";
import { builder } from "./builder.js";
import { connectionTypes } from "./connection.js";
import { ExecutionStatusEnum, LanguageEnum, OutputStreamEnum } from "./enums.js";
import { inputTypeFromZod } from "./zod-input.js";

export const LimitsRef = builder.objectRef<Limits>("Limits").implement({
  fields: (t) => ({
    timeoutMs: t.exposeInt("timeoutMs"),
    memoryMb: t.exposeInt("memoryMb"),
    cpus: t.exposeFloat("cpus"),
    pids: t.exposeInt("pids"),
    network: t.exposeBoolean("network"),
    outputLimitBytes: t.exposeInt("outputLimitBytes"),
  }),
});

export const LimitsInput = inputTypeFromZod<LimitsRequest>("LimitsInput", limitsInputSchema());

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

export const ExecutionPolicyRef = builder.objectRef<ExecutionPolicy>("ExecutionPolicy").implement({
  description: "The limits in force on this server: what a run gets by default and the most it may ask for.",
  fields: (t) => ({
    defaults: t.field({
      type: LimitsRef,
      description: "What a run gets for each limit it leaves out.",
      resolve: (policy) => policy.defaults,
    }),
    maxima: t.field({ type: LimitMaximaRef, resolve: (policy) => policy.maxima }),
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

export const ExecutionRef = builder.objectRef<Execution>("Execution").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    ownerId: t.exposeID("ownerId", { nullable: true, description: "The principal whose key started it." }),
    language: t.expose("language", { type: LanguageEnum }),
    status: t.expose("status", { type: ExecutionStatusEnum }),
    exitCode: t.exposeInt("exitCode", { nullable: true }),
    stdout: t.exposeString("stdout"),
    stderr: t.exposeString("stderr"),
    outputTruncated: t.exposeBoolean("outputTruncated", {
      description: "True when output passed limits.outputLimitBytes and the rest was dropped.",
    }),
    limits: t.expose("limits", { type: LimitsRef }),
    warnings: t.exposeStringList("warnings", {
      description: "Advisory findings of the code analysis (for example a process spawn or a network call).",
    }),
    error: t.exposeString("error", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true }),
    durationMs: t.exposeInt("durationMs", { nullable: true }),
  }),
});

export const ExecutionConnectionRef = connectionTypes("Execution", ExecutionRef);

export const ExecutionEventRef = builder.interfaceRef<ExecutionEvent>("ExecutionEvent").implement({
  resolveType: (event) => (event.kind === "LOG" ? "LogChunk" : "StatusChange"),
  fields: (t) => ({
    executionId: t.exposeID("executionId"),
    seq: t.exposeInt("seq"),
    at: t.expose("at", { type: "DateTime" }),
  }),
});

export const LogChunkRef = builder.objectRef<LogChunkEvent>("LogChunk").implement({
  interfaces: [ExecutionEventRef],
  fields: (t) => ({
    stream: t.expose("stream", { type: OutputStreamEnum }),
    data: t.exposeString("data"),
  }),
});

builder.objectRef<StatusChangeEvent>("StatusChange").implement({
  interfaces: [ExecutionEventRef],
  fields: (t) => ({
    status: t.expose("status", { type: ExecutionStatusEnum }),
    execution: t.field({
      type: ExecutionRef,
      resolve: (event, _args, { services, actor }) => services.executions.require(actor, event.executionId),
    }),
  }),
});

export const ExecuteInput = inputTypeFromZod<ExecuteRequest>("ExecuteInput", executeInputSchema(), {
  language: LanguageEnum,
  limits: LimitsInput,
});

export const ExecuteFileInput = inputTypeFromZod<ExecuteFileRequest>("ExecuteFileInput", executeFileInputSchema(), {
  language: LanguageEnum,
  limits: LimitsInput,
});
