/** Finding and removing the containers this service owns. */
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";
import { OWNER_LABEL, OWNER_VALUE } from "./labels.js";

export interface OwnedContainer {
  id: string;
  labels: Record<string, string>;
}

/** Our containers, running or not, that carry every given label too. */
export async function listOwnedContainers(docker: Docker, labels: Record<string, string>): Promise<OwnedContainer[]> {
  const filters = [`${OWNER_LABEL}=${OWNER_VALUE}`, ...Object.entries(labels).map(([key, value]) => `${key}=${value}`)];
  const containers = await withDocker(() => docker.listContainers({ all: true, filters: { label: filters } }));
  return containers.map((container) => ({ id: container.Id, labels: container.Labels }));
}

export async function removeContainer(docker: Docker, id: string): Promise<void> {
  await withDocker(() => docker.getContainer(id).remove({ force: true }));
}
