/**
 * The Pothos schema builder: plugins, context and the root types only; types live one domain per
 * file, each a function of the builder (see index.ts). A builder per schema, so that a schema is a
 * value built from the catalog it is given, not from whatever the registry held at import.
 */
import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import type { AppContext } from "../context.js";

export function createBuilder() {
  const builder = new SchemaBuilder<{
    Context: AppContext;
    DefaultFieldNullability: false;
    Scalars: {
      DateTime: { Input: Date; Output: Date };
      File: { Input: File; Output: never };
      ID: { Input: string; Output: string };
    };
  }>({
    plugins: [ComplexityPlugin],
    defaultFieldNullability: false,
    // A field's complexity is what it starts: RUN_COST for a field that starts a container, nothing
    // otherwise (aliases, depth and tokens are bounded by GraphQL Armor). The limit is checked
    // before execution by graphql/run-limit.ts, so no limit is set here.
    complexity: { defaultComplexity: 0, defaultListMultiplier: 1 },
  });

  builder.queryType({
    description:
      "Reads: executions and their output, stored files, images and package installations, the server's limits and health, the caller and (admins) API keys.",
  });
  builder.mutationType({
    description:
      "Changes: run code, store and delete files, build images and install packages, cancel what runs, manage API keys (admins). Runs, builds and installs count against the caller's quotas (see `me`).",
  });
  builder.subscriptionType({
    description:
      "Live streams (graphql-ws, or server-sent events over HTTP): each replays what is already logged, then follows live and completes when the execution, build or installation ends.",
  });
  return builder;
}

export type Builder = ReturnType<typeof createBuilder>;

/** The argument builder of a field (`t.arg`), for helpers that declare arguments. */
export type ArgBuilder = Parameters<Parameters<Builder["queryField"]>[1]>[0]["arg"];
