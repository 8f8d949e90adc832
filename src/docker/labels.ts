/**
 * Labels that mark what this service owns in the Docker engine, so a start-up sweep can remove
 * what a crash left behind without touching anyone else's containers. The store label ties a
 * container to one data folder: two servers with different data folders never sweep each other.
 */
import { createHash } from "node:crypto";

export const OWNER_LABEL = "io.mcp-docker-executor.owner";
export const OWNER_VALUE = "mcp-docker-executor";
export const PURPOSE_LABEL = "io.mcp-docker-executor.purpose";
export const STORE_LABEL = "io.mcp-docker-executor.store";
/** On images: the fingerprint of the recipes and in-image files an image was built from. */
export const RECIPE_LABEL = "io.mcp-docker-executor.recipe";

export type ContainerPurpose = "execution" | "probe" | "install" | "compiler";

export function ownershipLabels(purpose: ContainerPurpose, extra: Record<string, string> = {}): Record<string, string> {
  return { [OWNER_LABEL]: OWNER_VALUE, [PURPOSE_LABEL]: purpose, ...extra };
}

/** A short stable name for a data folder. */
export function storeLabelValue(dataDir: string): string {
  return createHash("sha256").update(dataDir).digest("hex").slice(0, 16);
}
