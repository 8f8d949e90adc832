/** Docker API calls that failed (those made through withDocker, see docker/docker-client.ts). */
import { Counter, type Registry } from "prom-client";

/**
 * A failed Docker API call's reason: "unreachable" (no engine at the socket), the HTTP status the
 * engine answered with (such as "404" or "500"), or "other". A small, fixed set of label values.
 */
export function dockerErrorReason(error: unknown, unreachable: boolean): string {
  if (unreachable) return "unreachable";
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 100 && status < 600 ? String(status) : "other";
}

export function dockerErrorMetrics(registry: Registry) {
  const errors = new Counter({
    name: "mde_docker_api_errors_total",
    help: 'Docker API calls that failed, by reason: "unreachable", the HTTP status the engine answered, or "other". Includes expected ones, such as 404 for a container already gone.',
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  return {
    /** Counts one failed call. */
    failed(reason: string): void {
      errors.inc({ reason });
    },
  };
}
