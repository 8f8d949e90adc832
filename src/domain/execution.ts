/**
 * The execution model shared by the service, the store and the API layers. An execution's record is
 * one zod schema, its type inferred from it, so that a layer answering part of it (MCP's tools)
 * picks fields from it instead of writing them out again.
 */
import { z } from "zod";
import { ISOLATIONS } from "./isolation.js";
import { limitsSchema } from "./limits.js";
import { resourceUsageSchema } from "./usage.js";

export const EXECUTION_STATUSES = [
  "QUEUED",
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "OOM_KILLED",
  "CANCELLED",
  "ERROR",
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export function isFinalStatus(status: ExecutionStatus): boolean {
  return status !== "QUEUED" && status !== "RUNNING";
}

export const OUTPUT_STREAMS = ["STDOUT", "STDERR"] as const;
export type OutputStream = (typeof OUTPUT_STREAMS)[number];

export const executionSchema = z.object({
  id: z.string(),
  /** The principal that started it; null only for records from before principals existed. */
  ownerId: z.string().nullable(),
  /** A LanguageId. */
  language: z.string(),
  /** The version of the language's runtime that ran it (as the image reports it); null for older records. */
  runtimeVersion: z.string().nullable(),
  /** The isolation it ran under (STANDARD: runc, STRONG: runsc). */
  isolation: z.enum(ISOLATIONS),
  status: z
    .enum(EXECUTION_STATUSES)
    .describe(
      `Where it is: ${EXECUTION_STATUSES.filter((status) => !isFinalStatus(status)).join(" or ")} until it ends, then how it ended: ${EXECUTION_STATUSES.filter(isFinalStatus).join(", ")}.`,
    ),
  /** Our image id, and the Docker image the run used. */
  imageId: z.string(),
  dockerImage: z.string(),
  fileId: z.string().nullable(),
  code: z.string(),
  stdin: z.string().nullable(),
  args: z.array(z.string()),
  fileIds: z.array(z.string()),
  limits: limitsSchema,
  warnings: z.array(z.string()),
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  outputTruncated: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().int().nullable(),
  usage: resourceUsageSchema
    .nullable()
    .describe(
      "What the run used: memory peak in bytes, CPU and wall time in ms, most processes, block I/O bytes; null before it ends, and for runs that never started a program.",
    ),
});
export type Execution = z.infer<typeof executionSchema>;

interface EventBase {
  executionId: string;
  /** Counts from 1 within one execution. */
  seq: number;
  at: Date;
}

export interface LogChunkEvent extends EventBase {
  kind: "LOG";
  stream: OutputStream;
  data: string;
}

export interface StatusChangeEvent extends EventBase {
  kind: "STATUS";
  status: ExecutionStatus;
}

export type ExecutionEvent = LogChunkEvent | StatusChangeEvent;
