/**
 * The image model: images of ours, the packages installed into them, and installations. Their
 * records are zod schemas with their types inferred, so that a layer answering part of one (MCP's
 * tools) picks fields from it instead of writing them out again.
 */
import { z } from "zod";
import type { LanguageId } from "./languages.js";
import { type RuntimeLine, runtimeLineSchema } from "./runtime.js";

/** The id of the default image, which has every language and is shared by every principal. */
export const DEFAULT_IMAGE_ID = "default";

export const IMAGE_STATUSES = ["BUILDING", "READY", "FAILED", "CANCELLED"] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

export const JOB_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const imageSchema = z.object({
  /** Our stable id; "default" for the default image. */
  id: z.string(),
  /** The principal that created it; null for the default image, which is shared. */
  ownerId: z.string().nullable(),
  name: z.string(),
  /** LanguageIds. */
  languages: z.array(z.string()),
  /** The version lines of its languages; null for images made before versions, which have each language's default. */
  versions: z.array(runtimeLineSchema).nullable(),
  status: z.enum(IMAGE_STATUSES).describe(`${IMAGE_STATUSES.join(", ")}; only a READY image runs code.`),
  /** The tag that follows the image's current Docker image. */
  dockerTag: z.string(),
  dockerImageId: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Image = z.infer<typeof imageSchema>;

export const installedPackageSchema = z.object({
  /** A PackageManagerId. */
  manager: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  installedAt: z.date(),
});
export type InstalledPackage = z.infer<typeof installedPackageSchema>;

export const packageInstallationSchema = z.object({
  id: z.string(),
  /** The principal that asked for it. */
  ownerId: z.string().nullable(),
  imageId: z.string(),
  /** A PackageManagerId. */
  manager: z.string(),
  packages: z.array(z.string()),
  status: z.enum(JOB_STATUSES).describe(`${JOB_STATUSES.join(", ")}; QUEUED and RUNNING until it ends.`),
  error: z.string().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type PackageInstallation = z.infer<typeof packageInstallationSchema>;

export function isFinalJobStatus(status: JobStatus): boolean {
  return status !== "QUEUED" && status !== "RUNNING";
}

/** How a build or an installation ended. */
export interface JobOutcome {
  status: JobStatus;
  error: string | null;
}

/**
 * One line of a build's or an installation's output. The last one of a log is `final`: it carries
 * the job's outcome, so a follower needs no second look to learn how the job ended.
 */
/** What one job's log (a build's or an install's) keeps at most; past it lines are dropped, after one line saying so. */
export const MAX_JOB_LOG_BYTES = 4 * 1024 * 1024;

export interface LogLine {
  seq: number;
  at: Date;
  line: string;
  final: boolean;
  /** Only on the final line. */
  status: JobStatus | null;
  /** Only on the final line of a job that did not succeed. */
  error: string | null;
}

/** An image a run can use now, with the Docker image it is pinned to. */
export interface RunnableImage {
  id: string;
  name: string;
  /** The Docker image id to run, pinned so that a concurrent install cannot swap it mid-run. */
  dockerImage: string;
  languages: LanguageId[];
  versions: RuntimeLine[] | null;
}
