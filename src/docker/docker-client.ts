/**
 * The Docker engine connection. dockerode reads DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH)
 * itself, so a remote engine needs no configuration of ours.
 */
import Docker from "dockerode";
import { messageOf, ServiceError } from "../domain/errors.js";
import type { DockerStatus } from "../domain/health.js";

export type { Docker };

const PING_TIMEOUT_MS = 3000;

export function createDockerClient(): Docker {
  return new Docker();
}

/** Asks the engine for its version; never throws, never waits more than a few seconds. */
export async function probeDocker(docker: Docker): Promise<DockerStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
  });
  try {
    const version = await Promise.race([docker.version(), timeout]);
    return { reachable: true, serverVersion: version.Version, error: null };
  } catch (error) {
    return { reachable: false, serverVersion: null, error: describeDockerError(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** True for errors that mean the engine cannot be reached at all (socket missing, refused, reset). */
export function isDockerUnreachable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return ["ECONNREFUSED", "ENOENT", "EACCES", "ECONNRESET", "EHOSTUNREACH", "ETIMEDOUT", "ENOTFOUND", "EPIPE"].includes(
    code ?? "",
  );
}

export function describeDockerError(error: unknown): string {
  const where = process.env.DOCKER_HOST ?? "/var/run/docker.sock";
  if (isDockerUnreachable(error)) {
    return `Docker engine at ${where} cannot be reached (${(error as { code: string }).code}); run scripts/ensure-docker.sh or set DOCKER_HOST`;
  }
  return messageOf(error);
}

const failureListeners = new Set<(error: unknown) => void>();

/**
 * Calls `listener` with every error a call through withDocker fails with (the metrics count them).
 * Process-wide; returns the function that removes it.
 */
export function onDockerFailure(listener: (error: unknown) => void): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

/** Runs a Docker call and turns "engine unreachable" into the contract's DOCKER_UNAVAILABLE. */
export async function withDocker<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    for (const listener of failureListeners) listener(error);
    if (isDockerUnreachable(error)) throw new ServiceError("DOCKER_UNAVAILABLE", describeDockerError(error));
    throw error;
  }
}
