/**
 * How a language's runtime gets into an image: the one source of truth for the default image and
 * for custom images alike (see services/dockerfile.ts, which composes them).
 */
export type VendorFile = "node.tgz" | "npm.tgz" | "dotnet";

export interface LanguageRecipe {
  /** Build stages that come before the final one (a FROM line each, with its steps). */
  stages: string[];
  /** Instructions of the final stage, in order; a language's steps are one cacheable block. */
  steps: string[];
  /** What the build context must carry under vendor/ for these steps. */
  vendor: VendorFile[];
}

/** An apt install that leaves no package lists behind in the layer. */
export function aptInstall(packages: string[]): string {
  return [
    "RUN apt-get update \\",
    ` && apt-get install -y --no-install-recommends ${packages.join(" ")} \\`,
    " && rm -rf /var/lib/apt/lists/*",
  ].join("\n");
}
