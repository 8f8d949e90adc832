/** Image builds and package installs: how many ended, by outcome, and how long they ran. */
import { Counter, Histogram, type Registry } from "prom-client";

/**
 * What builds and installs report when one ends (a job cut short by shutdown reports nothing);
 * durationMs is null for one cancelled before it left its queue.
 */
export interface JobObserver {
  buildFinished(status: string, durationMs: number | null): void;
  installFinished(manager: string, status: string, durationMs: number | null): void;
}

/** Seconds: a cached build or a one-package install (seconds) up to a cold build with every language. */
const JOB_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600, 1200];

export function jobMetrics(registry: Registry) {
  const registers = [registry];
  const builds = new Counter({
    name: "mde_image_builds_total",
    help: "Custom image builds that ended, by status (SUCCEEDED, FAILED, CANCELLED).",
    labelNames: ["status"] as const,
    registers,
  });
  const buildDuration = new Histogram({
    name: "mde_image_build_duration_seconds",
    help: "Time custom image builds ran, from leaving the build queue to their end.",
    labelNames: ["status"] as const,
    buckets: JOB_BUCKETS,
    registers,
  });
  const installs = new Counter({
    name: "mde_package_installs_total",
    help: "Package installs that ended, by manager and status (SUCCEEDED, FAILED, CANCELLED).",
    labelNames: ["manager", "status"] as const,
    registers,
  });
  const installDuration = new Histogram({
    name: "mde_package_install_duration_seconds",
    help: "Time package installs ran, from leaving their image's install queue to their end, by manager.",
    labelNames: ["manager", "status"] as const,
    buckets: JOB_BUCKETS,
    registers,
  });
  const observer: JobObserver = {
    buildFinished(status, durationMs) {
      builds.inc({ status });
      if (durationMs !== null) buildDuration.observe({ status }, durationMs / 1000);
    },
    installFinished(manager, status, durationMs) {
      installs.inc({ manager, status });
      if (durationMs !== null) installDuration.observe({ manager, status }, durationMs / 1000);
    },
  };
  return { observer };
}
