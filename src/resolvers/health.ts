/** Query.health (with Health.resources, for admins) and Query.runtimes. */
import { isAdmin } from "../domain/principal.js";
import type { Builder } from "../schema/builder.js";
import type { HealthRefs } from "../schema/health.js";
import type { RuntimeRefs } from "../schema/runtime.js";

export function healthFields(
  builder: Builder,
  { HealthRef, ServerResourcesRef }: HealthRefs,
  { RuntimeRef }: RuntimeRefs,
): void {
  builder.queryField("health", (t) =>
    t.field({
      type: HealthRef,
      description: "Whether the service can run code (its Docker engine answers), its version and its uptime.",
      resolve: (_root, _args, { services }) => services.health.report(),
    }),
  );

  builder.queryField("runtimes", (t) =>
    t.field({
      type: [RuntimeRef],
      description: "Languages and the runtime versions inside the default image.",
      resolve: (_root, _args, { services }) => services.runtimes.defaultImageRuntimes(),
    }),
  );

  builder.objectField(HealthRef, "resources", (t) =>
    t.field({
      type: ServerResourcesRef,
      nullable: true,
      description:
        "Admins only: executions queued and running, Docker's disk use and the data folder's size. Null for other keys (no error: the rest of `health` stays readable to them).",
      resolve: (_report, _args, { services, actor }) => (isAdmin(actor) ? services.health.resources() : null),
    }),
  );
}
