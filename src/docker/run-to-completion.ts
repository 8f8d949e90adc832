/**
 * Runs a fixed command (never user input) in a short-lived, locked-down container and collects
 * its output: used for version probes and image checks. The container is labelled and removed
 * whatever happens.
 */
import { PassThrough } from "node:stream";
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";
import { type ContainerPurpose, ownershipLabels } from "./labels.js";
import { outputEnded } from "./output-ended.js";

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A probe that takes longer is killed: a stuck probe must not hang whoever waits on it. */
const PROBE_TIMEOUT_MS = 60_000;

export async function runToCompletion(
  docker: Docker,
  image: string,
  command: string[],
  purpose: ContainerPurpose = "probe",
): Promise<CommandResult> {
  const container = await withDocker(() =>
    docker.createContainer({
      Image: image,
      Cmd: command,
      Labels: ownershipLabels(purpose),
      Env: ["HOME=/tmp"],
      AttachStdout: true,
      AttachStderr: true,
      HostConfig: {
        NetworkMode: "none",
        CapDrop: ["ALL"],
        SecurityOpt: ["no-new-privileges"],
        ReadonlyRootfs: true,
        Tmpfs: { "/tmp": "rw,nosuid,size=64m", "/workspace": "rw,nosuid,size=64m,uid=10001,gid=10001" },
        Memory: 512 * 1024 * 1024,
        PidsLimit: 64,
      },
    }),
  );
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    stdout.on("data", (chunk: Buffer) => chunks.stdout.push(chunk));
    stderr.on("data", (chunk: Buffer) => chunks.stderr.push(chunk));
    docker.modem.demuxStream(stream, stdout, stderr);
    const ended = outputEnded(stream);
    await container.start();
    const timer = setTimeout(() => void container.kill().catch(() => undefined), PROBE_TIMEOUT_MS);
    const { StatusCode } = (await container.wait().finally(() => clearTimeout(timer))) as { StatusCode: number };
    await ended;
    return {
      exitCode: StatusCode,
      stdout: Buffer.concat(chunks.stdout).toString("utf8"),
      stderr: Buffer.concat(chunks.stderr).toString("utf8"),
    };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
