/** Assembles the schema: every type and root field module registers itself with the builder. */
import { lexicographicSortSchema, printSchema } from "graphql";
import "./scalars.js";
import "../resolvers/health.js";
import "../resolvers/executions.js";
import "../resolvers/images.js";
import "../resolvers/files.js";
import "../resolvers/keys.js";
import "./execution-links.js";
import { builder } from "./builder.js";

export const schema = builder.toSchema();

/** The text of schema.graphql: the printed, sorted schema. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
