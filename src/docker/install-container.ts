/**
 * Installs packages into an image: runs the in-image installer (image/bin/sandbox-install) as
 * root in a container of the image, with the network on and the package cache volume mounted, and
 * commits the result as a new layer only when it succeeded. The committed image keeps the image's
 * own user, working directory, command and environment: nothing of the install leaks into it.
 */
import { Writable } from "node:stream";
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";
import { ownershipLabels } from "./labels.js";
import { drainedWithin, outputEnded } from "./output-ended.js";

/** Docker volume that keeps the managers' download caches between installs. */
export const PACKAGE_CACHE_VOLUME = "mcp-executor-package-cache";
/** How long to wait for the output stream to drain after the installer has exited. */
const OUTPUT_DRAIN_MS = 2000;

export interface InstallRequest {
  /** The Docker image to install into. */
  image: string;
  /** The installer's argv, e.g. ["sandbox-install", "NPM", "lodash@4.17.21"]. */
  command: string[];
  /** Settings for this install only (registry addresses); never committed. */
  env: string[];
  network: "bridge" | "host";
  timeoutMs: number;
  labels: Record<string, string>;
  /** Each line of the installer's output, as it comes. */
  onLine: (line: string) => void;
  /** Where the committed image is tagged. */
  commitTo: { repo: string; tag: string };
}

export class InstallFailedError extends Error {}

/** Resolves with the new Docker image id; throws InstallFailedError when the installer fails. */
export async function installIntoImage(docker: Docker, request: InstallRequest): Promise<string> {
  const original = await withDocker(() => docker.getImage(request.image).inspect());
  const container = await withDocker(() =>
    docker.createContainer({
      Image: request.image,
      Cmd: request.command,
      Entrypoint: [],
      User: "0:0",
      Env: [...(original.Config.Env ?? []), "HOME=/root", ...request.env],
      Labels: ownershipLabels("install", request.labels),
      AttachStdout: true,
      AttachStderr: true,
      HostConfig: {
        NetworkMode: request.network,
        SecurityOpt: ["no-new-privileges"],
        Binds: [`${PACKAGE_CACHE_VOLUME}:/var/cache/mcp-executor`],
        LogConfig: { Type: "none", Config: {} },
        Memory: 4096 * 1024 * 1024,
        PidsLimit: 1024,
      },
    }),
  );
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const lines = lineSplitter(request.onLine);
    docker.modem.demuxStream(stream, lines, lines);
    const ended = outputEnded(stream);
    await container.start();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void container.kill().catch(() => undefined);
    }, request.timeoutMs);
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    clearTimeout(timer);
    await drainedWithin(ended, OUTPUT_DRAIN_MS);
    lines.end();
    if (timedOut) throw new InstallFailedError(`the install took longer than ${request.timeoutMs} ms and was stopped`);
    if (StatusCode !== 0) throw new InstallFailedError(`the package manager exited with code ${StatusCode}`);
    const committed = (await container.commit({
      _query: { container: container.id, repo: request.commitTo.repo, tag: request.commitTo.tag },
      _body: {
        Env: original.Config.Env,
        User: original.Config.User,
        WorkingDir: original.Config.WorkingDir,
        Cmd: original.Config.Cmd,
        Entrypoint: original.Config.Entrypoint,
        Labels: original.Config.Labels,
      },
    })) as { Id: string };
    return committed.Id;
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** A writable that calls onLine for each complete line (and the unterminated rest at the end). */
function lineSplitter(onLine: (line: string) => void): Writable {
  let pending = "";
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = (pending + chunk.toString("utf8")).split(/\r?\n/);
      pending = lines.pop() ?? "";
      for (const line of lines) onLine(line);
      done();
    },
    final(done) {
      if (pending !== "") onLine(pending);
      done();
    },
  });
}
