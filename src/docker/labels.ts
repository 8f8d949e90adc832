/**
 * Labels that mark what this service owns in the Docker engine, so a start-up sweep can remove
 * what a crash left behind without touching anyone else's containers.
 */
export const OWNER_LABEL = "io.mcp-docker-executor.owner";
export const OWNER_VALUE = "mcp-docker-executor";
export const PURPOSE_LABEL = "io.mcp-docker-executor.purpose";

export type ContainerPurpose = "execution" | "probe" | "install";

export function ownershipLabels(purpose: ContainerPurpose, extra: Record<string, string> = {}): Record<string, string> {
  return { [OWNER_LABEL]: OWNER_VALUE, [PURPOSE_LABEL]: purpose, ...extra };
}
