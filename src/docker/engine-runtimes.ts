/** The OCI runtimes the Docker engine offers (`docker info`'s Runtimes): runc, and runsc once registered. */
import type { Docker } from "./docker-client.js";

export async function engineRuntimes(docker: Docker): Promise<string[]> {
  const info = (await docker.info()) as { Runtimes?: Record<string, unknown> };
  return Object.keys(info.Runtimes ?? {}).sort();
}
