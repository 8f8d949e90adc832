/** Health of the service and of its Docker engine. */
import type { DockerStatus, HealthReport } from "../domain/health.js";
import { builder } from "./builder.js";

export const DockerStatusRef = builder.objectRef<DockerStatus>("DockerStatus").implement({
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

export const HealthRef = builder.objectRef<HealthReport>("Health").implement({
  description: "The service's health: whether it can run code, its version and its uptime.",
  fields: (t) => ({
    ok: t.exposeBoolean("ok", { description: "True when the service can run code: its Docker engine answers." }),
    version: t.exposeString("version", { description: "The server's version, such as 0.1.0." }),
    uptimeSeconds: t.exposeFloat("uptimeSeconds", { description: "Seconds since the server started." }),
    docker: t.expose("docker", { type: DockerStatusRef, description: "The Docker engine's state." }),
  }),
});
