/**
 * The execution containers of one data folder, as a test sees them from the engine. A pooled
 * sandbox waiting for its run is not a run's container: its only processes are the runner and the
 * tar that waits for files on stdin. Everything else (a program running, or a container that ended
 * and is not yet removed) belongs to a run.
 */
import type Dockerode from "dockerode";
import { createDockerClient } from "../../src/docker/docker-client.js";
import { PURPOSE_LABEL, STORE_LABEL, storeLabelValue } from "../../src/docker/labels.js";
import { waitFor } from "./wait-for.js";

const docker = createDockerClient();

/** Containers of a data folder with one purpose ("execution", "compiler"...), running or not. */
export async function containersOf(dataDir: string, purpose = "execution"): Promise<Dockerode.ContainerInfo[]> {
  const label = [`${STORE_LABEL}=${storeLabelValue(dataDir)}`, `${PURPOSE_LABEL}=${purpose}`];
  return docker.listContainers({ all: true, filters: { label } });
}

async function isIdlePooled(container: Dockerode.ContainerInfo): Promise<boolean> {
  if (container.State !== "running") return false;
  const top = await docker
    .getContainer(container.Id)
    .top({ ps_args: "-o pid,comm" })
    .catch(() => null);
  if (!top?.Processes?.length) return false;
  const commands = top.Processes.map((row: string[]) => row[1]);
  return commands.every((command: string | undefined) => command === "sandbox-run" || command === "tar");
}

/** Execution containers of the data folder once none is only created (see runContainers). */
async function startedContainers(dataDir: string): Promise<Dockerode.ContainerInfo[]> {
  return waitFor(
    async () => {
      const listed = await containersOf(dataDir);
      return listed.some((container) => container.State === "created") ? null : listed;
    },
    { timeoutMs: 5000, intervalMs: 50, what: "created sandboxes to start" },
  );
}

/** The ids of pooled sandboxes waiting for a run. */
export async function idlePooled(dataDir: string): Promise<string[]> {
  const ids: string[] = [];
  for (const container of await startedContainers(dataDir)) if (await isIdlePooled(container)) ids.push(container.Id);
  return ids;
}

/**
 * The ids of execution containers that belong to runs (pooled ones still waiting are left out).
 * A container only created is started within moments, by the pool or by its run, and until then
 * nothing tells the two apart: it is looked at again once it has started.
 */
export async function runContainers(dataDir: string): Promise<string[]> {
  const ids: string[] = [];
  for (const container of await startedContainers(dataDir))
    if (!(await isIdlePooled(container))) ids.push(container.Id);
  return ids;
}

/** Waits until no run's container is left: removal happens after the answer, off the request's path. */
export async function runContainersRemoved(dataDir: string): Promise<void> {
  await waitFor(async () => (await runContainers(dataDir)).length === 0, {
    timeoutMs: 10_000,
    what: "the runs' containers to be removed",
  });
}
