/** Disk use: the Docker engine's and the data folder's, as the health detail last measured them. */
import { Gauge, type Registry } from "prom-client";
import type { ServerResources } from "../domain/health.js";

export function diskMetrics(registry: Registry) {
  const registers = [registry];
  let usage: () => ServerResources | null = () => null;
  new Gauge({
    name: "mde_docker_disk_bytes",
    help: "Disk the Docker engine uses, by kind (images, containers, build_cache, volumes), as last measured (refreshed in the background; absent until the first measurement).",
    labelNames: ["kind"] as const,
    registers,
    collect() {
      const disk = usage()?.dockerDisk;
      this.reset();
      if (!disk) return;
      this.set({ kind: "images" }, disk.imagesBytes);
      this.set({ kind: "containers" }, disk.containersBytes);
      this.set({ kind: "build_cache" }, disk.buildCacheBytes);
      this.set({ kind: "volumes" }, disk.volumesBytes);
    },
  });
  new Gauge({
    name: "mde_data_dir_bytes",
    help: "Bytes of the files under DATA_DIR, as last measured (refreshed in the background; 0 until the first measurement).",
    registers,
    collect() {
      // A gauge without labels is always exposed: 0 until the first measurement.
      this.set(usage()?.dataDir?.bytes ?? 0);
    },
  });
  return {
    /** Where the gauges read their values at each scrape (never waiting for a measurement). */
    readUsage(source: () => ServerResources | null): void {
      usage = source;
    },
  };
}
