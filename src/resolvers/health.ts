/** Query.health and Query.runtimes. */
import { builder } from "../schema/builder.js";
import { HealthRef } from "../schema/health.js";
import { RuntimeRef } from "../schema/runtime.js";

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
