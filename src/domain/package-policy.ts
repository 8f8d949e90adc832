/** Where package installs fetch from, and how they run: the server's settings for installs. */
import type { PackageManagerId } from "./languages.js";

export interface PackagePolicy {
  /** A registry per manager (PIP_INDEX_URL, NPM_REGISTRY, NUGET_SOURCE); absent: the manager's own default. */
  registries: Partial<Record<PackageManagerId, string>>;
  /** "host" lets installs reach mirrors on this machine's loopback. */
  network: "bridge" | "host";
  timeoutMs: number;
}
