/** The Pothos schema builder: plugins, context and scalars only; types live one domain per file. */
import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import type { AppContext } from "../context.js";

export const builder = new SchemaBuilder<{
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

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
