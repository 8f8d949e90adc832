/**
 * Runs one execution in a locked-down container: non-root, no network (unless asked), all
 * capabilities dropped, no-new-privileges, read-only root with tmpfs /workspace and /tmp, and
 * memory (swap equal to memory), CPU, pids and ulimits. Files arrive as a tar on stdin, because
 * Docker refuses archive uploads into a read-only root. The container is always removed.
 */
import { Writable } from "node:stream";
import type { OutputStream } from "../domain/execution.js";
import type { Limits } from "../domain/limits.js";
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";
import { drainedWithin, outputEnded } from "./output-ended.js";

export const SANDBOX_UID = 10001;
const MIB = 1024 * 1024;
/** The largest file a program may write (RLIMIT_FSIZE), and the sizes of its writable places. */
const MAX_FILE_BYTES = 64 * MIB;
const WORKSPACE_TMPFS = `rw,nosuid,nodev,size=128m,mode=0755,uid=${SANDBOX_UID},gid=${SANDBOX_UID}`;
const TMP_TMPFS = "rw,nosuid,nodev,size=128m,mode=1777";
const OPEN_FILES = 1024;
/** How long to wait for the output stream to drain after the process has exited. */
const OUTPUT_DRAIN_MS = 2000;

export interface SandboxRunRequest {
  image: string;
  /** The tar that image/bin/sandbox-run unpacks (see workspace-archive.ts). */
  archive: Buffer;
  limits: Limits;
  labels: Record<string, string>;
  /** RLIMIT_NPROC counts every process of uid 10001 on the host, across all sandboxes. */
  processesPerUser: number;
  onStarted(containerId: string): void;
  onOutput(stream: OutputStream, chunk: Buffer): void;
  /** Aborting kills the container; the run then ends as CANCELLED. */
  signal: AbortSignal;
}

export interface SandboxRunResult {
  outcome: "EXITED" | "TIMED_OUT" | "OOM_KILLED" | "CANCELLED";
  exitCode: number | null;
}

export async function runInSandbox(docker: Docker, request: SandboxRunRequest): Promise<SandboxRunResult> {
  const { limits } = request;
  const memoryBytes = limits.memoryMb * MIB;
  const container = await withDocker(() =>
    docker.createContainer({
      Image: request.image,
      Cmd: ["sandbox-run"],
      User: `${SANDBOX_UID}:${SANDBOX_UID}`,
      WorkingDir: "/workspace",
      Env: ["HOME=/tmp", "TMPDIR=/tmp", "PYTHONDONTWRITEBYTECODE=1", "DOTNET_CLI_HOME=/tmp"],
      Labels: request.labels,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: true,
      Tty: false,
      NetworkDisabled: !limits.network,
      HostConfig: {
        NetworkMode: limits.network ? "bridge" : "none",
        CapDrop: ["ALL"],
        SecurityOpt: ["no-new-privileges"],
        ReadonlyRootfs: true,
        // Output reaches us through the attached stream; a log file would put floods on disk.
        LogConfig: { Type: "none", Config: {} },
        Tmpfs: { "/workspace": WORKSPACE_TMPFS, "/tmp": TMP_TMPFS },
        Memory: memoryBytes,
        MemorySwap: memoryBytes,
        NanoCpus: Math.round(limits.cpus * 1e9),
        PidsLimit: limits.pids,
        Ulimits: [
          { Name: "nofile", Soft: OPEN_FILES, Hard: OPEN_FILES },
          { Name: "nproc", Soft: request.processesPerUser, Hard: request.processesPerUser },
          { Name: "fsize", Soft: MAX_FILE_BYTES, Hard: MAX_FILE_BYTES },
        ],
      },
    }),
  );
  let timedOut = false;
  let cancelled = false;
  let timer: NodeJS.Timeout | undefined;
  const kill = () => container.kill().catch(() => undefined);
  const onAbort = () => {
    cancelled = true;
    void kill();
  };
  try {
    request.onStarted(container.id);
    const stream = await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
    const sink = (name: OutputStream) =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          request.onOutput(name, chunk);
          done();
        },
      });
    docker.modem.demuxStream(stream, sink("STDOUT"), sink("STDERR"));
    const ended = outputEnded(stream);
    if (request.signal.aborted) throw new SandboxCancelled();
    request.signal.addEventListener("abort", onAbort, { once: true });
    await container.start();
    timer = setTimeout(() => {
      timedOut = true;
      void kill();
    }, limits.timeoutMs);
    stream.end(request.archive);
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    clearTimeout(timer);
    await drainedWithin(ended, OUTPUT_DRAIN_MS);
    (stream as unknown as { destroy(): void }).destroy();
    const state = (await container.inspect()).State;
    if (cancelled) return { outcome: "CANCELLED", exitCode: null };
    if (timedOut) return { outcome: "TIMED_OUT", exitCode: null };
    if (state.OOMKilled) return { outcome: "OOM_KILLED", exitCode: StatusCode };
    return { outcome: "EXITED", exitCode: StatusCode };
  } catch (error) {
    if (error instanceof SandboxCancelled) return { outcome: "CANCELLED", exitCode: null };
    throw error;
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener("abort", onAbort);
    await container.remove({ force: true }).catch(() => undefined);
  }
}

class SandboxCancelled extends Error {}
