/**
 * NuGet packages a recipe puts into an image (such as .NET 8's runtime and reference pack):
 * downloaded once from the NuGet feed (NUGET_SOURCE, else nuget.org) into the data folder's cache,
 * and their chosen folders unpacked into one tree that the Dockerfile copies as it is.
 */
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import { unzipSync } from "fflate";
import type { Config } from "../../../config.js";
import type { VendorSource } from "../../../languages/recipe.js";

type NugetPackages = Extract<VendorSource, { kind: "nuget-packages" }>["packages"];

const NUGET_ORG = "https://api.nuget.org/v3/index.json";

/** The folder holding every package's chosen folders, unpacked (made once per set of packages). */
export async function unpackedNugetPackages(
  config: Config,
  packages: NugetPackages,
  onLine: (line: string) => void,
): Promise<string> {
  const name = packages.map(({ id, version }) => `${id}.${version}`.toLowerCase()).join("+");
  const target = join(config.dataDir, "cache", "nuget-vendor", name);
  if (existsSync(target)) return target;
  const partial = `${target}.partial`;
  await rm(partial, { recursive: true, force: true });
  const base = await packageBaseAddress(config.packages.registries.NUGET ?? NUGET_ORG);
  for (const { id, version, folders } of packages) {
    const lower = id.toLowerCase();
    const url = `${base}${lower}/${version}/${lower}.${version}.nupkg`;
    onLine(`fetching ${id} ${version} from NuGet ...`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    for (const [path, content] of Object.entries(entries)) {
      const folder = folders.find(({ from }) => path.startsWith(`${from}/`));
      // Reference packs carry IntelliSense XML beside each assembly; the compiler needs only the assemblies.
      if (!folder || path.endsWith("/") || path.endsWith(".xml")) continue;
      const destination = join(partial, folder.to, posix.relative(folder.from, path));
      await mkdir(dirname(destination), { recursive: true });
      // Native libraries and createdump must stay executable.
      await writeFile(destination, content, { mode: 0o755 });
    }
  }
  await mkdir(dirname(target), { recursive: true });
  await rename(partial, target);
  return target;
}

/** The feed's flat-container address, read from its v3 service index. */
async function packageBaseAddress(indexUrl: string): Promise<string> {
  const response = await fetch(indexUrl);
  if (!response.ok) throw new Error(`GET ${indexUrl} answered ${response.status}`);
  const index = (await response.json()) as { resources?: { "@id": string; "@type": string }[] };
  const base = index.resources?.find((resource) => resource["@type"].startsWith("PackageBaseAddress/3.0.0"));
  if (!base) throw new Error(`${indexUrl} names no PackageBaseAddress resource`);
  return base["@id"].endsWith("/") ? base["@id"] : `${base["@id"]}/`;
}
