/**
 * The engine boundary: what the services need of a container engine, said in our terms. The
 * services hold a SandboxEngine and never a Docker client; src/docker is its one implementation
 * (built by the services' composition root), the unit tests' fake is another, and a runner on
 * another host will be a third. Shaped like testcontainers' ContainerRuntimeClient: containers,
 * images and the engine's own information apart. The engine labels everything it creates as this
 * data folder's, so nothing here speaks of labels.
 */
import type { Readable } from "node:stream";
import type { DockerDiskUsage, DockerStatus } from "./health.js";
import type { ContainerRuntime } from "./isolation.js";
import type { ResourceUsage } from "./usage.js";

export type ContainerOutput = "stdout" | "stderr";

/**
 * A container created, attached and started ahead of its use: a pooled sandbox, its runner waiting
 * for files, or a resident service reading requests on a stdin that stays open.
 */
export interface LiveContainer {
  readonly id: string;
  /** True once its output stream ended: the container exited, or was killed or removed. */
  readonly hasEnded: boolean;
  /** Resolves when its output stream ends. */
  readonly ended: Promise<void>;
  /** Where its output goes now: nowhere while a pooled container waits, then to its user. */
  receiver: (stream: ContainerOutput, chunk: Buffer) => void;
  /** Writes to an open stdin (a resident service's requests). */
  write(data: string): void;
}

/** What a sandbox is given; the service layer's limits map onto it one to one. */
export interface SandboxResources {
  memoryMb: number;
  cpus: number;
  pids: number;
  network: boolean;
}

/**
 * Everything a sandbox container is created with. Two runs with equal profiles get identical
 * containers, which is what lets a pooled container, created before its request, serve it.
 */
export interface SandboxProfile {
  image: string;
  /** The OCI runtime: runc, or gVisor's runsc for isolation STRONG. */
  runtime: ContainerRuntime;
  resources: SandboxResources;
  /** RLIMIT_NPROC counts every process of the sandbox user on the host, across all sandboxes. */
  processesPerUser: number;
}

/** A file a run gets: a plain base name in /workspace (a path under /tmp for tmpFiles). */
export interface WorkspaceFile {
  name: string;
  content: string | Buffer;
}

/** The folder of the run's own control files in /workspace: no stored file may take its name. */
export const SANDBOX_CONTROL_DIR = ".sandbox";

export interface SandboxRunRequest {
  profile: SandboxProfile;
  timeoutMs: number;
  /** The files for /workspace, the program's own first. */
  files: WorkspaceFile[];
  argv: string[];
  stdin: string;
  /** Files put in /tmp before the program starts (a resident compiler's output). */
  tmpFiles?: WorkspaceFile[];
  /** Whether the run reports what it used. */
  reportUsage: boolean;
  /** A pooled container of this engine made from the same profile; without one the run starts cold. */
  warm?: LiveContainer;
  onStarted(containerId: string): void;
  onOutput(stream: ContainerOutput, chunk: Buffer): void;
  /** Aborting kills the container; the run then ends as CANCELLED. */
  signal: AbortSignal;
}

export interface SandboxRunResult {
  outcome: "EXITED" | "TIMED_OUT" | "OOM_KILLED" | "CANCELLED";
  exitCode: number | null;
  usage: ResourceUsage | null;
}

/** A long-lived service container (the resident compiler), locked down like a sandbox. */
export interface ResidentProfile {
  image: string;
  command: string[];
  memoryMb: number;
  pids: number;
}

/** A fixed command (never user input) run to its end in a short-lived, locked-down container. */
export interface ProbeRequest {
  image: string;
  command: string[];
}

export interface CommandResult {
  /** null when the command was killed at the deadline. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface InstallRequest {
  /** The Docker image to install into. */
  image: string;
  /** The installer's argv, e.g. ["sandbox-install", "NPM", "lodash@4.17.21"]. */
  command: string[];
  /** Settings for this install only (registry addresses); never committed. */
  env: string[];
  network: "bridge" | "host";
  timeoutMs: number;
  /** Each line of the installer's output, as it comes. */
  onLine: (line: string) => void;
  /** Where the committed image is tagged. */
  commitTo: { repo: string; tag: string };
  /** The image lineage whose download cache the install uses. */
  cacheLineage: string;
  /** Capabilities the manager needs on top of none. */
  capabilities: readonly string[];
  /** Aborting stops the installer; nothing is committed. */
  signal: AbortSignal;
}

/** The installer failed or was stopped; the image is left as it was. */
export class InstallFailedError extends Error {
  constructor(
    message: string,
    readonly cancelled = false,
  ) {
    super(message);
  }
}

export interface ImageSummary {
  id: string;
  sizeBytes: number;
  /** The fingerprint of the recipes it was built from (see recipe-fingerprint.ts); null for others. */
  recipeFingerprint: string | null;
}

export interface ImageBuildRequest {
  context: Readable;
  tag: string;
  buildArgs?: Record<string, string>;
  /** Recorded on the image, to tell later whether its recipes changed. */
  recipeFingerprint?: string;
  /** Called with each line of build output, without its line break. */
  onLine: (line: string) => void;
  /** Aborting cancels the build. */
  signal?: AbortSignal;
}

export interface CgroupSample {
  /** CPU time of the whole container so far, in nanoseconds. */
  cpuNs: number;
  memoryBytes: number;
  pids: number;
}

/** The figures of ResourceUsage a cgroup holds (the wall time is the caller's). */
export type CgroupUsage = Omit<ResourceUsage, "wallTimeMs">;

/** Reads what a container uses now (live samples) and has used (its totals up to now). */
export interface ContainerUsageReader {
  sample(containerId: string): Promise<CgroupSample | null>;
  usage(containerId: string): Promise<CgroupUsage | null>;
}

export interface ContainerClient {
  /** Runs one program in a sandbox to its end (exit, deadline, memory, or the signal); removes the container. */
  runSandbox(request: SandboxRunRequest): Promise<SandboxRunResult>;
  /** A sandbox created and started, its runner waiting for files: a pool's entry. */
  startPooledSandbox(profile: SandboxProfile): Promise<LiveContainer>;
  startResident(profile: ResidentProfile): Promise<LiveContainer>;
  runProbe(request: ProbeRequest): Promise<CommandResult>;
  /** Installs into an image and commits the result; resolves with the new image id, or throws InstallFailedError. */
  install(request: InstallRequest): Promise<string>;
  /** The usage reader, made on first use (it asks the engine how to read). */
  usageReader(): Promise<ContainerUsageReader>;
  /** Starts removing a container (forced) and returns at once: off the request's path. */
  reap(containerId: string): void;
  /** Resolves when every removal started so far has finished. */
  reaped(): Promise<void>;
  /** The ids of this data folder's containers, running or not. */
  listOwned(): Promise<string[]>;
  remove(containerId: string): Promise<void>;
}

export interface ImageClient {
  /** The image behind a tag or id, or null when there is none. */
  find(reference: string): Promise<ImageSummary | null>;
  /** Without force it fails while a container uses the image; with force a tag is dropped even then. */
  remove(reference: string, force?: boolean): Promise<void>;
  /** Pulls an image; resolves false (the reason said through onLine) when it cannot. */
  pull(reference: string, onLine: (line: string) => void): Promise<boolean>;
  /** Imports a root filesystem tar as an image with the given tag. */
  importRootfs(rootfs: Readable, reference: string): Promise<void>;
  /** Resolves with the image id once the build succeeded. */
  build(request: ImageBuildRequest): Promise<string>;
  /** Removes an image lineage's download cache, once the image is gone; a missing one is fine. */
  removePackageCache(lineage: string): Promise<void>;
}

export interface EngineInfo {
  /** Asks the engine for its version; never throws, never waits more than a few seconds. */
  probe(): Promise<DockerStatus>;
  /** The OCI runtimes it offers: runc, and runsc once registered. */
  runtimes(): Promise<string[]>;
  /** Its disk use; slow, so called off the request path. */
  diskUsage(): Promise<Omit<DockerDiskUsage, "measuredAt">>;
  /** True when the engine stops answering within a few seconds: asked after an unexplained failure. */
  goesAway(): Promise<boolean>;
  /** Whether an error says the engine is gone (stopped, restarted, unreachable). */
  isGone(error: unknown): boolean;
  /** Whether an error says the container or image asked about is already gone. */
  isAlreadyGone(error: unknown): boolean;
}

export interface SandboxEngine {
  containers: ContainerClient;
  images: ImageClient;
  info: EngineInfo;
}
