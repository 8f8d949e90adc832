/**
 * Finds a base image for the sandbox image. In order: the configured base already present; the
 * configured base pulled from a registry; the local Debian base made earlier; a local Debian base
 * made now from Debian packages (scripts/make-debian-rootfs.sh, then an import). The last two
 * make the build work where no container registry is reachable.
 */
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../../../config.js";
import type { ImageClient } from "../../../domain/engine.js";
import { PROJECT_ROOT } from "../../../paths.js";

export async function resolveBaseImage(
  images: ImageClient,
  config: Config,
  onLine: (line: string) => void,
): Promise<string> {
  if (await images.find(config.baseImage)) return config.baseImage;
  onLine(`base image ${config.baseImage} is not present; pulling it ...`);
  if (await images.pull(config.baseImage, onLine)) return config.baseImage;
  if (await images.find(config.localBaseImage)) {
    onLine(`using the local Debian base ${config.localBaseImage}, made earlier from Debian packages`);
    return config.localBaseImage;
  }
  onLine(
    `no registry serves ${config.baseImage}: making ${config.localBaseImage} from Debian packages (mmdebstrap) ...`,
  );
  const workDir = join(config.dataDir, "build");
  await mkdir(workDir, { recursive: true });
  const rootfs = join(workDir, "debian-rootfs.tar");
  try {
    await runScript(join(PROJECT_ROOT, "scripts", "make-debian-rootfs.sh"), [rootfs], onLine);
    await images.importRootfs(createReadStream(rootfs), config.localBaseImage);
  } finally {
    await rm(rootfs, { force: true });
  }
  onLine(`made the local Debian base ${config.localBaseImage}`);
  return config.localBaseImage;
}

function runScript(script: string, args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") onLine(line);
    };
    child.stdout.on("data", forward);
    child.stderr.on("data", forward);
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with code ${code}`))));
  });
}
