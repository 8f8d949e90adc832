/**
 * What a REST answer holds of a GraphQL output type, derived from the schema: every scalar and
 * enum field, value objects (types without an id, such as Limits) in full, and other records
 * (types with an id, such as an Execution's image) by their id alone, as a REST resource links
 * another. The same tree prints the GraphQL selection the route runs and the OpenAPI schema of its
 * answer, so the two cannot disagree.
 */
import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from "graphql";

export interface FieldSelection {
  name: string;
  /** The field's GraphQL type, list and non-null wrappers included. */
  type: GraphQLOutputType;
  description: string | undefined;
  /** The selected fields of an object field; null for a scalar or an enum. */
  fields: FieldSelection[] | null;
}

const hasId = (type: GraphQLObjectType) => Object.hasOwn(type.getFields(), "id");

/** Fields that take a required argument cannot be selected without one; none of ours do. */
const selectable = (field: GraphQLField<unknown, unknown>) =>
  field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);

/**
 * The fields of `type` a REST answer holds. `omit` names fields ("StoredFile.content") left out,
 * for lists whose items would otherwise be large.
 */
export function selectFields(type: GraphQLObjectType, omit: readonly string[] = [], nested = false): FieldSelection[] {
  if (nested && hasId(type)) {
    const id = type.getFields().id as GraphQLField<unknown, unknown>;
    return [{ name: "id", type: id.type, description: id.description ?? undefined, fields: null }];
  }
  return Object.values(type.getFields())
    .filter((field) => selectable(field) && !omit.includes(`${type.name}.${field.name}`))
    .map((field) => {
      const named: GraphQLNamedType = getNamedType(field.type);
      if (isLeafType(named)) {
        return { name: field.name, type: field.type, description: field.description ?? undefined, fields: null };
      }
      if (!isObjectType(named)) throw new Error(`no REST selection for ${type.name}.${field.name} (${named.name})`);
      return {
        name: field.name,
        type: field.type,
        description: field.description ?? undefined,
        fields: selectFields(named, omit, true),
      };
    });
}

/** The selection set's text, as a GraphQL document writes it. */
export function printSelection(fields: readonly FieldSelection[]): string {
  return `{ ${fields.map((field) => (field.fields ? `${field.name} ${printSelection(field.fields)}` : field.name)).join(" ")} }`;
}
