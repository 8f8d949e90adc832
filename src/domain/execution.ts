/** The execution model shared by the service, the store and the API layers. */
import type { Isolation } from "./isolation.js";
import type { LanguageId } from "./languages.js";
import type { Limits } from "./limits.js";
import type { ResourceUsage } from "./usage.js";

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

export interface Execution {
  id: string;
  /** The principal that started it; null only for records from before principals existed. */
  ownerId: string | null;
  language: LanguageId;
  /** The version of the language's runtime that ran it (as the image reports it); null for older records. */
  runtimeVersion: string | null;
  /** The isolation it ran under (STANDARD: runc, STRONG: runsc). */
  isolation: Isolation;
  status: ExecutionStatus;
  /** Our image id, and the Docker image the run used. */
  imageId: string;
  dockerImage: string;
  fileId: string | null;
  code: string;
  stdin: string | null;
  args: string[];
  fileIds: string[];
  limits: Limits;
  warnings: string[];
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  /** What the run used, once it has ended; null before, and for runs that never started a program. */
  usage: ResourceUsage | null;
}

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
