/**
 * GraphQL input types derived from the domain's zod schemas (see domain/run-inputs.ts), so each
 * input field, its nullability, default and description are written once. Scalars map by zod
 * type; enums and nested inputs are looked up by name in `refs`; `.meta({ graphqlType: "ID" })`
 * makes a string an ID.
 */
import type { z } from "zod";
import type { Builder } from "./builder.js";

/** An enum or input ref that a field may name, keyed by the field's name. */
type FieldRefs = Record<string, unknown>;

interface FieldInfo {
  base: z.ZodType;
  required: boolean;
  defaultValue: unknown;
  description: string | undefined;
  graphqlType: string | undefined;
}

/** Peels optional, nullable and default off a field, keeping the first description and meta found. */
function describeField(field: z.ZodType): FieldInfo {
  const info: FieldInfo = {
    base: field,
    required: true,
    defaultValue: undefined,
    description: undefined,
    graphqlType: undefined,
  };
  let current: z.ZodType = field;
  for (;;) {
    info.description ??= current.description;
    info.graphqlType ??= (current.meta() as { graphqlType?: string } | undefined)?.graphqlType;
    const def = current.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
    if (def.type === "optional" || def.type === "nullable") info.required = false;
    else if (def.type === "default") info.defaultValue = def.defaultValue;
    else break;
    current = def.innerType as z.ZodType;
  }
  info.base = current;
  return info;
}

function scalarOf(schema: z.ZodType, graphqlType: string | undefined): string {
  if (graphqlType) return graphqlType;
  const def = schema.def as { type: string };
  if (def.type === "string") return "String";
  if (def.type === "boolean") return "Boolean";
  if (def.type === "number") return (schema as z.ZodNumber).isInt ? "Int" : "Float";
  throw new Error(`no GraphQL scalar for a zod ${def.type}`);
}

/** The Pothos type of one field: a scalar name, a ref from `refs`, or a list of either. */
function typeOf(name: string, info: FieldInfo, refs: FieldRefs): unknown {
  const def = info.base.def as { type: string; element?: z.ZodType };
  if (Object.hasOwn(refs, name)) return def.type === "array" ? [refs[name]] : refs[name];
  if (def.type === "array") {
    const element = describeField(def.element as z.ZodType);
    return [scalarOf(element.base, element.graphqlType)];
  }
  return scalarOf(info.base, info.graphqlType);
}

/** Declares input type `name` with the fields of `schema`; `Shape` is what resolvers receive. */
export function inputTypeFromZod<Shape extends object>(
  builder: Builder,
  name: string,
  schema: z.ZodObject,
  refs: FieldRefs = {},
) {
  return builder.inputRef<Shape>(name).implement({
    description: schema.description,
    fields: (t) =>
      Object.fromEntries(
        Object.entries(schema.shape).map(([field, fieldSchema]) => {
          const info = describeField(fieldSchema as z.ZodType);
          return [
            field,
            t.field({
              // biome-ignore lint/suspicious/noExplicitAny: the type is chosen at run time from the zod schema.
              type: typeOf(field, info, refs) as any,
              required: info.required,
              description: info.description,
              defaultValue: info.defaultValue as never,
            }),
          ];
        }),
        // biome-ignore lint/suspicious/noExplicitAny: Pothos cannot check fields built from a runtime description against Shape.
      ) as any,
  });
}
