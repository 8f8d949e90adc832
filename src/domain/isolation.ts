/**
 * How strongly a run is kept from the host kernel. STANDARD is runc: namespaces and cgroups on the
 * host's kernel. STRONG is gVisor's runsc: the program talks to gVisor's own kernel in user space,
 * the layer that runc's escapes (CVE-2019-5736, CVE-2024-21626) go through. On this engine runsc is
 * registered with --network=none, so STRONG runs never have a network.
 */
export const ISOLATIONS = ["STANDARD", "STRONG"] as const;
export type Isolation = (typeof ISOLATIONS)[number];

/** The Docker (OCI) runtime of each isolation, as dockerd names it. */
export const CONTAINER_RUNTIMES = { STANDARD: "runc", STRONG: "runsc" } as const satisfies Record<Isolation, string>;
export type ContainerRuntime = (typeof CONTAINER_RUNTIMES)[Isolation];

/** The script that installs runsc and registers it with dockerd. */
export const RUNSC_SETUP_SCRIPT = "scripts/ensure-docker.sh";
