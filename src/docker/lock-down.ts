/**
 * The lock-down every container that runs code of ours or a user's shares: sandboxes, probes and
 * the resident compiler. No capabilities, no privilege gain, a read-only root, no log file (output
 * reaches us through the attached stream; a log file would put floods on disk), and no network
 * unless a run asks for it. Each caller adds its own tmpfs mounts and limits.
 */
import type Dockerode from "dockerode";

export function lockedDownHostConfig(network = false): Dockerode.HostConfig {
  return {
    NetworkMode: network ? "bridge" : "none",
    CapDrop: ["ALL"],
    SecurityOpt: ["no-new-privileges"],
    ReadonlyRootfs: true,
    LogConfig: { Type: "none", Config: {} },
  };
}
