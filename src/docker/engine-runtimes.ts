/** The OCI runtimes the Docker engine offers (`docker info`'s Runtimes): runc, and runsc once registered. */
import type { Docker } from "./docker-client.js";

export async function engineRuntimes(docker: Docker): Promise<string[]> {
  const info = (await docker.info()) as { Runtimes?: Record<string, unknown> };
  // containerd's own shim names (io.containerd.runc.v2, ...) are listed too; a container names runc or runsc.
  return Object.keys(info.Runtimes ?? {})
    .filter((name) => !name.startsWith("io.containerd."))
    .sort();
}
