/** The image model: images of ours, the packages installed into them, and installations. */
import type { LanguageId, PackageManagerId } from "./languages.js";
import type { RuntimeLine } from "./runtime.js";

/** The id of the default image, which has every language and is shared by every principal. */
export const DEFAULT_IMAGE_ID = "default";

export const IMAGE_STATUSES = ["BUILDING", "READY", "FAILED", "CANCELLED"] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

export const JOB_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Image {
  /** Our stable id; "default" for the default image. */
  id: string;
  /** The principal that created it; null for the default image, which is shared. */
  ownerId: string | null;
  name: string;
  languages: LanguageId[];
  /** The version lines of its languages; null for images made before versions, which have each language's default. */
  versions: RuntimeLine[] | null;
  status: ImageStatus;
  /** The tag that follows the image's current Docker image. */
  dockerTag: string;
  dockerImageId: string | null;
  sizeBytes: number | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface InstalledPackage {
  manager: PackageManagerId;
  name: string;
  version: string | null;
  installedAt: Date;
}

export interface PackageInstallation {
  id: string;
  /** The principal that asked for it. */
  ownerId: string | null;
  imageId: string;
  manager: PackageManagerId;
  packages: string[];
  status: JobStatus;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

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
