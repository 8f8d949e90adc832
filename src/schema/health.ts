/** Health of the service and of its Docker engine, and (admins) what the server holds and does now. */

import type { DataDirUsage, DockerDiskUsage, DockerStatus, HealthReport, ServerResources } from "../domain/health.js";
import type { Builder } from "./builder.js";

const MEASURED =
  "Measured in the background (it takes a while) and at most 30 seconds old when read; a read never waits for it.";

export function healthTypes(builder: Builder) {
  const DockerStatusRef = builder.objectRef<DockerStatus>("DockerStatus").implement({
    description: "The Docker engine that runs the sandboxes, as it answered just now.",
    fields: (t) => ({
      reachable: t.exposeBoolean("reachable", { description: "True when the engine answered." }),
      serverVersion: t.exposeString("serverVersion", {
        nullable: true,
        description: "The engine's version; null when it is not reachable.",
      }),
      error: t.exposeString("error", {
        nullable: true,
        description: "Why the engine is not reachable; null when it is.",
      }),
    }),
  });

  const DockerDiskUsageRef = builder.objectRef<DockerDiskUsage>("DockerDiskUsage").implement({
    description: `Disk the Docker engine uses, as \`docker system df\` counts it, in bytes. ${MEASURED}`,
    fields: (t) => ({
      imagesBytes: t.exposeFloat("imagesBytes", {
        description: "Image layers, a layer shared by images counted once.",
      }),
      containersBytes: t.exposeFloat("containersBytes", { description: "Containers' writable layers." }),
      buildCacheBytes: t.exposeFloat("buildCacheBytes", {
        description: "The build cache, less what it shares with images.",
      }),
      volumesBytes: t.exposeFloat("volumesBytes", { description: "Volumes, such as the package download cache." }),
      measuredAt: t.expose("measuredAt", { type: "DateTime", description: "When these figures were measured." }),
    }),
  });

  const DataDirUsageRef = builder.objectRef<DataDirUsage>("DataDirUsage").implement({
    description: `The data folder (DATA_DIR: database, stored files, build staging). ${MEASURED}`,
    fields: (t) => ({
      bytes: t.exposeFloat("bytes", { description: "The sizes of its files, summed (symbolic links not followed)." }),
      measuredAt: t.expose("measuredAt", { type: "DateTime", description: "When it was measured." }),
    }),
  });

  const ServerResourcesRef = builder.objectRef<ServerResources>("ServerResources").implement({
    description:
      "What the server holds and does now: executions waiting and running (exact), and disk use (measured in the background).",
    fields: (t) => ({
      executionsQueued: t.exposeInt("executionsQueued", {
        description: "Executions waiting for a place under EXEC_MAX_CONCURRENCY, server-wide.",
      }),
      executionsRunning: t.exposeInt("executionsRunning", { description: "Executions running, server-wide." }),
      dockerDisk: t.expose("dockerDisk", {
        type: DockerDiskUsageRef,
        nullable: true,
        description:
          "Disk the Docker engine uses; null until the first measurement lands (shortly after start), and while the engine has never answered.",
      }),
      dataDir: t.expose("dataDir", {
        type: DataDirUsageRef,
        nullable: true,
        description: "The data folder's size; null until the first measurement lands (shortly after start).",
      }),
    }),
  });

  const HealthRef = builder.objectRef<HealthReport>("Health").implement({
    description:
      "The service's health: whether it can run code, its version and its uptime; for admins, its load and disk use.",
    fields: (t) => ({
      ok: t.exposeBoolean("ok", { description: "True when the service can run code: its Docker engine answers." }),
      version: t.exposeString("version", { description: "The server's version, such as 0.1.0." }),
      uptimeSeconds: t.exposeFloat("uptimeSeconds", { description: "Seconds since the server started." }),
      docker: t.expose("docker", { type: DockerStatusRef, description: "The Docker engine's state." }),
      containerRuntimes: t.exposeStringList("containerRuntimes", {
        description:
          "The Docker engine's container runtimes: runc, and runsc when isolation STRONG is set up (scripts/ensure-docker.sh); empty while the engine is unreachable.",
      }),
    }),
  });

  return { ServerResourcesRef, HealthRef };
}

export type HealthRefs = ReturnType<typeof healthTypes>;
