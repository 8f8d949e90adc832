/**
 * The OpenAPI 3.1 document of the REST API, derived from the route table and the GraphQL schema:
 * request bodies from the GraphQL input types, answers from the same selections the routes run
 * (selection.ts), enums and descriptions from the schema. Nothing here restates a type by hand
 * except the few answers GraphQL has no type for ({deleted}, progress, the open /health).
 */
import {
  type GraphQLEnumType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import { languageAliases, managerAliases } from "../languages/aliases.js";
import { VERSION } from "../version.js";
import { CSRF_HEADER } from "./request-body.js";
import { STATUS_OF_CODE } from "./rest-errors.js";
import type { Answer, BodySpec, Output, RestRoute } from "./route-table.js";
import { type FieldSelection, selectFields } from "./selection.js";

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

function nullable(schemaOf: Schema): Schema {
  if (typeof schemaOf.type === "string" && !("enum" in schemaOf)) return { ...schemaOf, type: [schemaOf.type, "null"] };
  return { anyOf: [schemaOf, { type: "null" }] };
}

function described(schemaOf: Schema, description: string | null | undefined): Schema {
  return description ? { ...schemaOf, description } : schemaOf;
}

function scalarSchema(type: GraphQLScalarType): Schema {
  switch (type.name) {
    case "Int":
      return { type: "integer" };
    case "Float":
      return { type: "number" };
    case "Boolean":
      return { type: "boolean" };
    case "DateTime":
      return { type: "string", format: "date-time" };
    case "File":
      return { type: "string", format: "binary" };
    default:
      return { type: "string" };
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: "The request is wrong (BAD_USER_INPUT): a missing or mistyped field, an unknown language.",
  401: "No valid API key (UNAUTHENTICATED).",
  403: "The caller may not do this, or the request could come from another site's page (FORBIDDEN).",
  404: "The id names nothing the caller may see (NOT_FOUND).",
  413: "Past a limit of the server: the body, a file, a run's limits (LIMIT_EXCEEDED).",
  429: "A quota of the caller, the server's queue, or the open streams are used up (QUOTA_EXCEEDED).",
  503: "Docker is not reachable, or the image is not ready (DOCKER_UNAVAILABLE, IMAGE_NOT_READY).",
};

/** The components, filled as paths name them. */
class Components {
  readonly schemas: Record<string, Schema> = {};

  constructor(private readonly schema: GraphQLSchema) {}

  private add(name: string, make: () => Schema): Schema {
    if (!Object.hasOwn(this.schemas, name)) {
      this.schemas[name] = {};
      this.schemas[name] = make();
    }
    return ref(name);
  }

  enumType(type: GraphQLEnumType): Schema {
    return this.add(type.name, () =>
      described({ type: "string", enum: type.getValues().map((value) => value.name) }, type.description),
    );
  }

  /** An enum as a request may name it: its values, or the names the seed and the CLI use (any case). */
  private inputEnum(type: GraphQLEnumType): Schema {
    const aliases = { Language: languageAliases, PackageManager: managerAliases }[type.name];
    if (!aliases) return this.enumType(type);
    return this.add(`${type.name}Name`, () => ({
      type: "string",
      enum: [...type.getValues().map((value) => value.name), ...aliases()],
      description: `${type.description ?? type.name} Also taken in lower case and by the names the seed used (any case).`,
    }));
  }

  /** An object of `fields`, inline. */
  private objectBody(description: string | null | undefined, fields: FieldSelection[]): Schema {
    return described(
      {
        type: "object",
        required: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name),
        properties: Object.fromEntries(
          fields.map((field) => [field.name, described(this.selected(field), field.description)]),
        ),
      },
      description,
    );
  }

  /** An object of `fields` as the component `name`. */
  private objectSchema(name: string, description: string | null | undefined, fields: FieldSelection[]): Schema {
    return this.add(name, () => this.objectBody(description, fields));
  }

  private selected(field: FieldSelection): Schema {
    const wrap = (type: GraphQLOutputType): Schema => {
      if (isNonNullType(type)) return unwrapped(type.ofType);
      return nullable(unwrapped(type));
    };
    const unwrapped = (type: GraphQLOutputType): Schema => {
      if (isNonNullType(type)) return unwrapped(type.ofType);
      if (isListType(type)) return { type: "array", items: wrap(type.ofType) };
      if (isScalarType(type)) return scalarSchema(type);
      if (isEnumType(type)) return this.enumType(type);
      const object = type as GraphQLObjectType;
      const fields = field.fields ?? [];
      if (fields.length === 1 && fields[0]?.name === "id" && Object.keys(object.getFields()).length > 1) {
        return {
          type: "object",
          required: ["id"],
          properties: { id: { type: "string" } },
          description: `The ${object.name}, by its id.`,
        };
      }
      return this.objectSchema(object.name, object.description, fields);
    };
    return wrap(field.type);
  }

  /** The REST shape of an object type (see selection.ts). */
  output(output: Output): Schema {
    const type = this.schema.getType(output.type) as GraphQLObjectType;
    return this.objectSchema(output.name ?? type.name, type.description, selectFields(type, output.omit));
  }

  /** One kind of execution event, as the streams send it: its leaf fields and __typename. */
  event(type: GraphQLObjectType): Schema {
    return this.add(`${type.name}Event`, () => {
      const body = this.objectBody(
        type.description,
        selectFields(type).filter((field) => field.fields === null),
      ) as { required: string[]; properties: Record<string, Schema> };
      return {
        ...body,
        required: ["__typename", ...body.required],
        properties: { __typename: { type: "string", const: type.name }, ...body.properties },
      };
    });
  }

  inputType(type: GraphQLInputType): Schema {
    if (isNonNullType(type)) return this.inputType(type.ofType);
    if (isListType(type)) return { type: "array", items: this.inputType(type.ofType) };
    if (isScalarType(type)) return scalarSchema(type);
    if (isEnumType(type)) return this.inputEnum(type);
    return this.inputObject(type as GraphQLInputObjectType);
  }

  /** An input type's fields as a JSON object, less `omit` and File fields (those travel as multipart parts). */
  inputObject(type: GraphQLInputObjectType, omit: readonly string[] = [], name = type.name): Schema {
    return this.add(name, () => {
      const fields = Object.values(type.getFields()).filter(
        (field) => !omit.includes(field.name) && !(isScalarType(field.type) && field.type.name === "File"),
      );
      return described(
        {
          type: "object",
          required: fields
            .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
            .map((field) => field.name),
          properties: Object.fromEntries(
            fields.map((field) => {
              const base = isNonNullType(field.type)
                ? this.inputType(field.type)
                : nullable(this.inputType(field.type));
              const withDefault = field.defaultValue === undefined ? base : { ...base, default: field.defaultValue };
              return [field.name, described(withDefault, field.description)];
            }),
          ),
        },
        type.description,
      );
    });
  }
}

function eventsSchema(schema: GraphQLSchema, components: Components): Schema {
  const kinds = schema.getPossibleTypes(schema.getType("ExecutionEvent") as GraphQLInterfaceType);
  return {
    oneOf: kinds.map((kind) => components.event(kind)),
  };
}

function answerContent(schema: GraphQLSchema, answer: Answer, components: Components): Record<string, unknown> {
  switch (answer.kind) {
    case "object":
      return { "application/json": { schema: components.output(answer.output) } };
    case "page":
      return {
        "application/json": {
          schema: {
            type: "object",
            required: ["items", "nextCursor", "totalCount"],
            properties: {
              items: { type: "array", items: components.output(answer.output) },
              nextCursor: {
                type: ["string", "null"],
                description: "Pass as `after` for the next page; null on the last page.",
              },
              totalCount: { type: "integer", description: "How many match, over all pages." },
            },
          },
        },
      };
    case "schema":
      return { "application/json": { schema: answer.schema } };
    case "events":
      return {
        "text/event-stream": {
          schema: {
            type: "string",
            description:
              "Server-sent events: per event `id: <seq>` and `data: <JSON>`, the JSON a LogChunkEvent or a StatusChangeEvent (x-itemSchema); an `event: error` carries {error: {code, message}}.",
          },
          // OpenAPI 3.2's itemSchema, as an extension of 3.1.
          "x-itemSchema": eventsSchema(schema, components),
        },
      };
  }
}

function requestBody(schema: GraphQLSchema, body: BodySpec, components: Components): Schema {
  const input = schema.getType(body.input) as GraphQLInputObjectType;
  const content: Record<string, unknown> = {
    "application/json": { schema: components.inputObject(input, body.omit, body.name) },
  };
  if (body.multipart) {
    const fields = input.getFields();
    const file = Object.values(fields).find((field) => isScalarType(field.type) && field.type.name === "File");
    content["multipart/form-data"] = {
      schema: {
        type: "object",
        required: [file?.name ?? "file"],
        properties: {
          [file?.name ?? "file"]: described({ type: "string", format: "binary" }, file?.description),
          name: described({ type: "string" }, "Default: the part's filename."),
          ...(fields.language
            ? { language: described(components.inputType(fields.language.type), fields.language.description) }
            : {}),
        },
      },
    };
  }
  return { required: !body.optional, content };
}

const operationId = (route: RestRoute) =>
  route.method.toLowerCase() +
  route.path
    .split(/[/{}]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join("");

/** The document, for the routes of the table over `schema` and the open /health. */
export function buildOpenApi(routes: readonly RestRoute[], schema: GraphQLSchema): Record<string, unknown> {
  const components = new Components(schema);
  const errorSchema = ref("ErrorResponse");
  components.schemas.ErrorResponse = {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: { type: "string", enum: Object.keys(STATUS_OF_CODE), description: "The contract's error code." },
          message: { type: "string", description: "What went wrong, for a person." },
        },
      },
    },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: Schema[] = [];
    if (route.path.includes("{id}")) {
      parameters.push({ name: "id", in: "path", required: true, schema: { type: "string" }, description: "The id." });
    }
    for (const param of route.query ?? []) {
      parameters.push({
        name: param.name,
        in: "query",
        required: false,
        schema: param.schema,
        description: param.description,
      });
    }
    if (route.answer.kind === "events" && route.method === "GET") {
      parameters.push({
        name: "Last-Event-ID",
        in: "header",
        required: false,
        schema: { type: "string" },
        description: "Resume after this event's seq (an EventSource sends it when it reconnects).",
      });
    }
    const refusals = [...new Set([401, ...route.refusals])].sort();
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: operationId(route),
      tags: [route.tag],
      summary: route.summary,
      description: route.description,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body ? { requestBody: requestBody(schema, route.body, components) } : {}),
      responses: {
        200: {
          description: route.answer.kind === "schema" ? route.answer.description : route.summary,
          content: answerContent(schema, route.answer, components),
        },
        ...Object.fromEntries(
          refusals.map((status) => [
            String(status),
            {
              description: STATUS_TEXT[status] ?? "Refused.",
              content: { "application/json": { schema: errorSchema } },
            },
          ]),
        ),
      },
    };
  }
  paths["/health"] = {
    get: {
      operationId: "getHealth",
      tags: ["service"],
      summary: "Health",
      description: "Open (no key): whether the service can run code, its version, and whether Docker answers.",
      security: [],
      responses: Object.fromEntries(
        [
          ["200", "The service can run code."],
          ["503", "Docker is not reachable: runs would fail."],
        ].map(([status, description]) => [
          status,
          {
            description,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["ok", "version", "docker"],
                  properties: {
                    ok: { type: "boolean" },
                    version: { type: "string" },
                    docker: { type: "object", required: ["reachable"], properties: { reachable: { type: "boolean" } } },
                  },
                },
              },
            },
          },
        ]),
      ),
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "mcp-docker-executor REST API (seed-compatible)",
      version: VERSION,
      description: `The seed's REST routes over the same services, keys and quotas as GraphQL (at /graphql). Send the key as \`Authorization: Bearer KEY\` (a browser's login session works too). Bodies are the GraphQL input's fields as flat JSON; answers are the GraphQL types' fields. Refusals are {"error": {"code", "message"}}. A POST whose body is not JSON needs an Authorization or ${CSRF_HEADER} header (a cross-site form cannot send one).`,
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: [
      { name: "executions", description: "Run code and follow it." },
      { name: "files", description: "Stored files." },
      { name: "images", description: "Images and package installs." },
      { name: "service", description: "The service itself." },
    ],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API key (DATA_DIR/admin.key, or one made with `keys create`).",
        },
      },
      schemas: components.schemas,
    },
  };
}
