/** Health of the service and of its Docker engine. */

export interface DockerStatus {
  reachable: boolean;
  serverVersion: string | null;
  /** Why the engine is not reachable; null when it is. */
  error: string | null;
}

export interface HealthReport {
  ok: boolean;
  version: string;
  uptimeSeconds: number;
  docker: DockerStatus;
  /** The engine's container runtimes (runc; runsc where isolation STRONG is set up); empty while it is unreachable. */
  containerRuntimes: string[];
}

/** Disk the Docker engine uses, as `docker system df` counts it. */
export interface DockerDiskUsage {
  /** Image layers, each shared layer counted once. */
  imagesBytes: number;
  /** Containers' writable layers. */
  containersBytes: number;
  /** The build cache, entries shared with images left out. */
  buildCacheBytes: number;
  volumesBytes: number;
  measuredAt: Date;
}

export interface DataDirUsage {
  /** Bytes of the files under DATA_DIR (their sizes, not the blocks they take). */
  bytes: number;
  measuredAt: Date;
}

/**
 * What the server holds and does now, for admins: executions waiting and running (exact), and
 * the disk figures, which are slow to measure and so come from a cache refreshed in the background
 * (null until the first measurement lands).
 */
export interface ServerResources {
  executionsQueued: number;
  executionsRunning: number;
  dockerDisk: DockerDiskUsage | null;
  dataDir: DataDirUsage | null;
}
