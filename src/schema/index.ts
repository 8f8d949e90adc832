/**
 * Assembles the schema from the catalog of languages the composition root gives: a builder of its
 * own, every type module and root field module in turn, then the schema. Nothing here runs at
 * import, so no import order can build it before the language plugins are registered.
 */
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { imageInputSchemas } from "../domain/image-inputs.js";
import type { LanguageCatalog } from "../domain/languages.js";
import { runInputSchemas } from "../domain/run-inputs.js";
import { executionFields } from "../resolvers/executions.js";
import { fileFields } from "../resolvers/files.js";
import { healthFields } from "../resolvers/health.js";
import { imageFields } from "../resolvers/images.js";
import { keyFields } from "../resolvers/keys.js";
import { languageFields } from "../resolvers/languages.js";
import { apiKeyTypes } from "./api-key.js";
import { createBuilder } from "./builder.js";
import { connectionTypes } from "./connection.js";
import { enumTypes } from "./enums.js";
import { executionTypes } from "./execution.js";
import { executionLinks } from "./execution-links.js";
import { healthTypes } from "./health.js";
import { imageTypes } from "./image.js";
import { languageInfoTypes } from "./language-info.js";
import { runtimeTypes } from "./runtime.js";
import { scalarTypes } from "./scalars.js";
import { storedFileTypes } from "./stored-file.js";
import { usageTypes } from "./usage.js";

/** The GraphQL schema for the languages and package managers of `catalog`. */
export function createSchema(catalog: LanguageCatalog): GraphQLSchema {
  const builder = createBuilder();
  scalarTypes(builder);
  const enums = enumTypes(builder, catalog);
  const connectionOf = connectionTypes(builder);
  const usage = usageTypes(builder);
  const runtime = runtimeTypes(builder, enums);
  const execution = executionTypes(builder, enums, usage, connectionOf, runInputSchemas(catalog));
  const image = imageTypes(builder, enums, runtime, imageInputSchemas(catalog));
  const storedFile = storedFileTypes(builder, enums, connectionOf);
  const health = healthTypes(builder);
  const apiKey = apiKeyTypes(builder);
  const languageInfo = languageInfoTypes(builder, enums);

  healthFields(builder, health, runtime);
  executionFields(builder, enums, execution, usage);
  imageFields(builder, image);
  fileFields(builder, enums, execution, storedFile);
  keyFields(builder, apiKey);
  languageFields(builder, languageInfo, catalog);
  executionLinks(builder, execution, image, storedFile);
  return builder.toSchema();
}

/** The text of schema.graphql: the printed, sorted schema. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
