/**
 * The schema explains itself: agents and people learn the API from introspection, so every type,
 * field, argument, input field and enum value carries a description (the built-in introspection
 * types, whose names start with "__", have theirs from graphql-js).
 */
import {
  type GraphQLArgument,
  type GraphQLInputField,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { languageCatalog } from "../languages/catalog.js";
import { createSchema } from "./index.js";

const schema = createSchema(languageCatalog());

const described = (description: string | null | undefined): boolean => (description ?? "").trim() !== "";

/** The coordinate of each schema element without a description, such as `Query.executions(first:)`. */
function undescribed(): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!described(description)) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args as readonly GraphQLArgument[]) {
          check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
        check(`${type.name}.${field.name}`, field.description);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}

describe("schema descriptions", () => {
  it("describes every type, field, argument, input field and enum value", () => {
    expect(undescribed()).toEqual([]);
  });
});
