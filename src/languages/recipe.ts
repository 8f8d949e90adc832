/**
 * How a language's runtime gets into an image: the one source of truth for the default image and
 * for custom images alike (see services/images/assembly/dockerfile.ts, which composes them).
 */

/** Where a file or folder the build context carries under vendor/ comes from. */
export type VendorSource =
  /** A package of the npm registry, `npm pack`ed once into the data folder's cache. */
  | { kind: "npm-package"; spec: string }
  /** The .NET SDK folder of this machine (DOTNET_SDK_DIR). */
  | { kind: "dotnet-sdk" }
  /** NuGet packages, downloaded once and unpacked: each `from` folder of a package goes to `to`. */
  | { kind: "nuget-packages"; packages: { id: string; version: string; folders: { from: string; to: string }[] }[] };

export interface VendorFile {
  /** Its name under vendor/ in the build context. */
  name: string;
  source: VendorSource;
}

export interface LanguageRecipe {
  /** Build stages that come before the final one (a FROM line each, with its steps). */
  stages: string[];
  /** Instructions of the final stage, in order; a language's steps are one cacheable block. */
  steps: string[];
  /** What the build context must carry under vendor/ for these steps. */
  vendor: VendorFile[];
}

export const NO_RECIPE: LanguageRecipe = { stages: [], steps: [], vendor: [] };

/** An apt install that leaves no package lists behind in the layer. */
export function aptInstall(packages: string[]): string {
  return [
    "RUN apt-get update \\",
    ` && apt-get install -y --no-install-recommends ${packages.join(" ")} \\`,
    " && rm -rf /var/lib/apt/lists/*",
  ].join("\n");
}
