/** Executions, their limits, and the events of their logs. */
import type { Execution, ExecutionEvent, LogChunkEvent, StatusChangeEvent } from "../domain/execution.js";
import type { Limits } from "../domain/limits.js";
import { builder } from "./builder.js";
import { connectionTypes } from "./connection.js";
import { ExecutionStatusEnum, LanguageEnum, OutputStreamEnum } from "./enums.js";

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

export const LimitsInput = builder.inputType("LimitsInput", {
  description:
    "Omitted fields take the server's defaults; a value above the server's maximum is an error, not silently lowered.",
  fields: (t) => ({
    timeoutMs: t.int({ required: false }),
    memoryMb: t.int({ required: false }),
    cpus: t.float({ required: false }),
    pids: t.int({ required: false }),
    network: t.boolean({ required: false }),
    outputLimitBytes: t.int({ required: false }),
  }),
});

export const ExecutionRef = builder.objectRef<Execution>("Execution").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
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
      resolve: (event, _args, { services }) => services.executions.require(event.executionId),
    }),
  }),
});

export const ExecuteInput = builder.inputType("ExecuteInput", {
  fields: (t) => ({
    language: t.field({ type: LanguageEnum, required: true }),
    code: t.string({ required: true }),
    imageId: t.id({ required: false, description: "Default: the default image." }),
    stdin: t.string({ required: false }),
    args: t.stringList({ required: false }),
    fileIds: t.idList({
      required: false,
      description: "Stored files copied into the working directory before the run.",
    }),
    limits: t.field({ type: LimitsInput, required: false }),
    wait: t.boolean({ required: false, defaultValue: true }),
  }),
});
