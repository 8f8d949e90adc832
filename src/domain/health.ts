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
}
