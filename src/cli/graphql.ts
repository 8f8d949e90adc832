/**
 * The CLI's GraphQL documents are typed from schema.graphql (through graphql-env.d.ts): gql.tada
 * infers each one's result and variables, and `npm run cli:check` validates them against the schema.
 */
import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.js";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; File: never };
  // The CLI reads every field it selects, fragments included: no masks to unwrap.
  disableMasking: true;
}>();

export type { ResultOf, TadaDocumentNode, VariablesOf } from "gql.tada";
