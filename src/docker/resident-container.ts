/**
 * A long-lived service container, such as the resident C# compiler: locked down like a sandbox
 * (non-root, no network, all capabilities dropped, no-new-privileges, read-only root with a small
 * tmpfs, memory and pids limits, labelled), with a stdin that stays open for its requests.
 */
import type { ResidentProfile } from "../domain/engine.js";
import { AttachedContainer } from "./attached-container.js";
import type { Docker } from "./docker-client.js";
import { lockedDownHostConfig } from "./lock-down.js";
import { SANDBOX_UID } from "./sandbox-container.js";

const MIB = 1024 * 1024;

export async function startResidentContainer(
  docker: Docker,
  profile: ResidentProfile,
  labels: Record<string, string>,
): Promise<AttachedContainer> {
  const memoryBytes = profile.memoryMb * MIB;
  const attached = await AttachedContainer.create(
    docker,
    {
      Image: profile.image,
      Cmd: profile.command,
      User: `${SANDBOX_UID}:${SANDBOX_UID}`,
      WorkingDir: "/tmp",
      Env: ["HOME=/tmp", "TMPDIR=/tmp", "DOTNET_CLI_HOME=/tmp"],
      Labels: labels,
      NetworkDisabled: true,
      HostConfig: {
        ...lockedDownHostConfig(),
        Tmpfs: { "/tmp": "rw,nosuid,nodev,size=64m,mode=1777" },
        Memory: memoryBytes,
        MemorySwap: memoryBytes,
        NanoCpus: 1e9,
        PidsLimit: profile.pids,
      },
    },
    "open",
  );
  await attached.start();
  return attached;
}
