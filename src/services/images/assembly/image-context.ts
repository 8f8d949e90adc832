/**
 * Assembles the build context of a sandbox image (see the Dockerfile's header) in a staging
 * folder of symlinks, packed with dereferencing: nothing large is copied, and every file keeps its
 * own content and times so that Docker's build cache hits when nothing changed. Only the vendor
 * files the chosen languages need are included (an image without C# never sends the SDK).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { promisify } from "node:util";
import tarFs from "tar-fs";
import type { Config } from "../../../config.js";
import type { VendorFile, VendorSource } from "../../../languages/recipe.js";
import { PROJECT_ROOT } from "../../../paths.js";
import { unpackedNugetPackages } from "./nuget-vendor.js";

const run = promisify(execFile);

export class MissingDotnetSdkError extends Error {
  constructor() {
    super(
      "No .NET SDK folder to put into the image: set DOTNET_SDK_DIR to one (an online machine can unpack " +
        "Microsoft's SDK tarball for linux-x64 there), or put `dotnet` on PATH.",
    );
  }
}

export interface ImageContextRequest {
  /** A name for the staging folder; builds with different names may run at once. */
  name: string;
  dockerfile: string;
  vendor: readonly VendorFile[];
  /** Language plugins' in-image folders, by the name they get under languages/. */
  pluginFolders: ReadonlyMap<string, string>;
}

export async function assembleImageContext(
  config: Config,
  request: ImageContextRequest,
  onLine: (line: string) => void,
): Promise<Readable> {
  const staging = join(config.dataDir, "build", `${request.name}-context`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(join(staging, "vendor"), { recursive: true });
  await mkdir(join(staging, "certs"));
  await mkdir(join(staging, "languages"));

  await writeFile(join(staging, "Dockerfile"), request.dockerfile);
  await symlink(join(PROJECT_ROOT, "image"), join(staging, "image"));
  for (const [name, folder] of request.pluginFolders) await symlink(folder, join(staging, "languages", name));
  for (const file of request.vendor) {
    await symlink(await vendorPath(config, file.source, onLine), join(staging, "vendor", file.name));
  }
  for (const [index, file] of config.extraCaCertFiles.entries()) {
    // update-ca-certificates only reads files ending in .crt.
    await symlink(file, join(staging, "certs", `extra-${index}.crt`));
  }
  return tarFs.pack(staging, { dereference: true }) as unknown as Readable;
}

/** Where a vendor file is on this machine: fetched into the data folder's cache the first time. */
async function vendorPath(config: Config, source: VendorSource, onLine: (line: string) => void): Promise<string> {
  switch (source.kind) {
    case "dotnet-sdk":
      if (config.dotnetSdkDir === null) throw new MissingDotnetSdkError();
      return config.dotnetSdkDir;
    case "npm-package":
      return cachedNpmTarball(config, source.spec, onLine);
    case "nuget-packages":
      return unpackedNugetPackages(config, source.packages, onLine);
  }
}

/** `npm pack`s a registry package once into the data folder's cache and returns the tarball. */
async function cachedNpmTarball(config: Config, spec: string, onLine: (line: string) => void): Promise<string> {
  const cacheDir = join(config.dataDir, "cache", "npm-tarballs");
  const at = spec.lastIndexOf("@");
  const tarball = join(cacheDir, `${spec.slice(0, at)}-${spec.slice(at + 1)}.tgz`);
  if (existsSync(tarball)) return tarball;
  await mkdir(cacheDir, { recursive: true });
  onLine(`fetching ${spec} from the npm registry ...`);
  await run("npm", ["pack", spec, "--pack-destination", cacheDir, "--silent"], { maxBuffer: 1 << 20 });
  if (!existsSync(tarball)) throw new Error(`npm pack ${spec} did not write ${tarball}`);
  return tarball;
}
