/** Health of the service and of its Docker engine. */
import type { DockerStatus, HealthReport } from "../domain/health.js";
import { builder } from "./builder.js";

export const DockerStatusRef = builder.objectRef<DockerStatus>("DockerStatus").implement({
  fields: (t) => ({
    reachable: t.exposeBoolean("reachable"),
    serverVersion: t.exposeString("serverVersion", { nullable: true }),
    error: t.exposeString("error", { nullable: true, description: "Why the engine is not reachable." }),
  }),
});

export const HealthRef = builder.objectRef<HealthReport>("Health").implement({
  fields: (t) => ({
    ok: t.exposeBoolean("ok", { description: "True when the service can run code: its Docker engine answers." }),
    version: t.exposeString("version"),
    uptimeSeconds: t.exposeFloat("uptimeSeconds"),
    docker: t.expose("docker", { type: DockerStatusRef }),
  }),
});
