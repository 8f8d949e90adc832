/**
 * Runs a fixed command (never user input) in a short-lived, locked-down container and collects
 * its output: used for version probes and image checks. The container is labelled and removed
 * whatever happens.
 */
import type { CommandResult, ProbeRequest } from "../domain/engine.js";
import type { Logger } from "../logger.js";
import { runContainer } from "./container-run.js";
import type { Docker } from "./docker-client.js";
import { type ContainerPurpose, ownershipLabels } from "./labels.js";
import { lockedDownHostConfig } from "./lock-down.js";

/** A probe that takes longer is killed: a stuck probe must not hang whoever waits on it. */
const PROBE_TIMEOUT_MS = 60_000;

export interface ProbeOptions {
  purpose?: ContainerPurpose;
  /** Marks the container as this data folder's, so a start-up sweep finds it after a crash. */
  labels: Record<string, string>;
  logger: Logger;
}

export async function runToCompletion(
  docker: Docker,
  request: ProbeRequest,
  options: ProbeOptions,
): Promise<CommandResult> {
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const exit = await runContainer(docker, {
    create: {
      Image: request.image,
      Cmd: request.command,
      Labels: ownershipLabels(options.purpose ?? "probe", options.labels),
      Env: ["HOME=/tmp"],
      NetworkDisabled: true,
      HostConfig: {
        ...lockedDownHostConfig(),
        Tmpfs: { "/tmp": "rw,nosuid,size=64m", "/workspace": "rw,nosuid,size=64m,uid=10001,gid=10001" },
        Memory: 512 * 1024 * 1024,
        PidsLimit: 64,
      },
    },
    onOutput: (stream, chunk) => chunks[stream].push(chunk),
    timeoutMs: PROBE_TIMEOUT_MS,
    logger: options.logger,
  });
  return {
    exitCode: exit.exitCode,
    stdout: Buffer.concat(chunks.stdout).toString("utf8"),
    stderr: Buffer.concat(chunks.stderr).toString("utf8"),
  };
}
