/** The Pothos schema builder: plugins, context and scalars only; types live one domain per file. */
import SchemaBuilder from "@pothos/core";
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
  defaultFieldNullability: false,
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
