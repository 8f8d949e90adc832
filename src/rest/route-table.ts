/**
 * The seed's REST routes (its FastAPI server's paths and bodies), each a thin adapter: a GraphQL
 * document of the schema run as the caller, or one service call where GraphQL has no field for
 * it (progress). Bodies are the GraphQL input's fields as flat JSON; answers are the GraphQL
 * output type's fields (see selection.ts). The OpenAPI document is built from this table.
 */
import type { IncomingMessage } from "node:http";
import type { DocumentNode, ExecutionResult, GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema } from "graphql";
import type { Actor } from "../domain/principal.js";
import type { Services } from "../services/index.js";
import { resumeAfter } from "./event-stream.js";
import { type GraphQLCaller, restDocument } from "./graphql-call.js";
import { languageParam } from "./input-aliases.js";
import { RestError } from "./rest-errors.js";
import { printSelection, selectFields } from "./selection.js";

/** An object type's REST shape: its fields as selection.ts picks them, less `omit`, under a component name. */
export interface Output {
  type: string;
  omit?: string[];
  /** The OpenAPI component's name when it differs from the type's (a shape with fields left out). */
  name?: string;
}

/** A JSON body: a GraphQL input type's fields, less `omit` (given by the path instead). */
export interface BodySpec {
  input: string;
  omit?: string[];
  /** The OpenAPI component's name when fields are left out. */
  name?: string;
  /** An empty body is an empty input. */
  optional?: boolean;
  /** The route also takes multipart/form-data with the input's File field as a part. */
  multipart?: boolean;
}

export interface QueryParam {
  name: string;
  schema: Record<string, unknown>;
  description: string;
}

export type Answer =
  | { kind: "object"; output: Output }
  | { kind: "page"; output: Output }
  | { kind: "schema"; schema: Record<string, unknown>; description: string }
  | { kind: "events" };

/** What a route's adapter gets: the caller, the path's id, the query, and readers of the body. */
export interface RouteCall {
  actor: Actor;
  id: string;
  query: URLSearchParams;
  request: IncomingMessage;
  graphql: GraphQLCaller;
  /** The documents of this server's schema (see restDocuments). */
  documents: RestDocuments;
  services: Services;
  /** The JSON body, language and manager names mapped to the enums. */
  json(options?: { optional?: boolean }): Promise<Record<string, unknown>>;
  /** The body as an upload input: JSON as it is, or multipart with its `file` part. */
  upload(): Promise<Record<string, unknown>>;
}

export type RouteResult = { json: unknown } | { events: AsyncGenerator<ExecutionResult, void, void>; field: string };

export interface RestRoute {
  method: "GET" | "POST" | "DELETE";
  /** OpenAPI's path template; `{id}` is the only parameter. */
  path: string;
  summary: string;
  description: string;
  tag: "executions" | "files" | "images";
  query?: QueryParam[];
  body?: BodySpec;
  answer: Answer;
  /** The refusals this route can answer, by HTTP status (401 is every route's). */
  refusals: number[];
  run(call: RouteCall): Promise<RouteResult>;
}

const EXECUTION: Output = { type: "Execution" };
const STORED_FILE: Output = { type: "StoredFile" };
const LIST_ITEM: Output = { type: "StoredFile", omit: ["StoredFile.content"], name: "StoredFileListItem" };

/** The documents the routes run, printed from `schema` and validated against it (a mistake fails at start). */
export function restDocuments(schema: GraphQLSchema) {
  const objectType = (name: string) => schema.getType(name) as GraphQLObjectType;

  /** `operation ($a: T) { result: field(a: $a) { …the output's selection } }`. */
  function fieldDocument(
    operation: "query" | "mutation",
    field: string,
    variables: Record<string, string>,
    selection: string,
  ): DocumentNode {
    const names = Object.keys(variables);
    const declared = names.length ? ` (${names.map((name) => `$${name}: ${variables[name]}`).join(", ")})` : "";
    const passed = names.length ? `(${names.map((name) => `${name}: $${name}`).join(", ")})` : "";
    return restDocument(schema, `${operation}${declared} { result: ${field}${passed} ${selection} }`);
  }

  const selectionOf = (output: Output) => printSelection(selectFields(objectType(output.type), output.omit));

  // The leaf fields of each kind of ExecutionEvent, with __typename telling them apart.
  const kinds = schema.getPossibleTypes(schema.getType("ExecutionEvent") as GraphQLInterfaceType);
  const eventSelection = `{ __typename ${kinds
    .map((kind) => `... on ${kind.name} ${printSelection(selectFields(kind).filter((field) => field.fields === null))}`)
    .join(" ")} }`;

  return {
    createImage: fieldDocument(
      "mutation",
      "createImage",
      { input: "CreateImageInput!" },
      selectionOf({ type: "Image" }),
    ),
    execute: fieldDocument("mutation", "execute", { input: "ExecuteInput!" }, selectionOf(EXECUTION)),
    execution: fieldDocument("query", "execution", { id: "ID!" }, selectionOf(EXECUTION)),
    installPackages: fieldDocument(
      "mutation",
      "installPackages",
      { input: "InstallPackagesInput!" },
      selectionOf({ type: "PackageInstallation" }),
    ),
    uploadFile: fieldDocument("mutation", "uploadFile", { input: "UploadFileInput!" }, selectionOf(STORED_FILE)),
    files: fieldDocument(
      "query",
      "files",
      { first: "Int", after: "String", language: "Language" },
      `{ totalCount pageInfo { endCursor hasNextPage } edges { node ${selectionOf(LIST_ITEM)} } }`,
    ),
    file: fieldDocument("query", "file", { id: "ID!" }, selectionOf(STORED_FILE)),
    deleteFile: fieldDocument("mutation", "deleteFile", { id: "ID!" }, ""),
    executeFile: fieldDocument("mutation", "executeFile", { input: "ExecuteFileInput!" }, selectionOf(EXECUTION)),
    fileStats: fieldDocument("query", "fileStats", {}, selectionOf({ type: "FileStats" })),
    run: restDocument(
      schema,
      `subscription ($input: ExecuteInput!) { event: run(input: $input, cancelOnUnsubscribe: false) ${eventSelection} }`,
    ),
    executionEvents: restDocument(
      schema,
      `subscription ($id: ID!, $afterSeq: Int) { event: executionEvents(id: $id, afterSeq: $afterSeq, cancelOnUnsubscribe: false) ${eventSelection} }`,
    ),
  };
}

export type RestDocuments = ReturnType<typeof restDocuments>;

/** The field's value, or NOT_FOUND when the id names nothing the caller may see. */
function found(data: Record<string, unknown>, what: string, id: string): unknown {
  if (data.result === null || data.result === undefined) throw new RestError("NOT_FOUND", `id ${id} names no ${what}.`);
  return data.result;
}

/** A route that runs the document `name` with the JSON body as its input. */
const withInput =
  (name: keyof RestDocuments) =>
  async ({ graphql, documents, actor, json }: RouteCall): Promise<RouteResult> => ({
    json: (await graphql.execute(actor, documents[name], { input: await json() })).result,
  });

/** A route that reads, with the document `name`, the record the path's id names, or answers NOT_FOUND. */
const byId =
  (name: keyof RestDocuments, what: string) =>
  async ({ graphql, documents, actor, id }: RouteCall): Promise<RouteResult> => ({
    json: found(await graphql.execute(actor, documents[name], { id }), what, id),
  });

function intParam(query: URLSearchParams, name: string): number | null {
  const value = query.get(name);
  if (value === null) return null;
  if (!/^-?\d+$/.test(value)) throw new RestError("BAD_USER_INPUT", `${name} must be a whole number; got ${value}.`);
  return Number(value);
}

const RUN_REFUSALS = [400, 403, 404, 413, 429, 503];
const LANGUAGE_QUERY_SCHEMA = { $ref: "#/components/schemas/LanguageName" };

export const ROUTES: RestRoute[] = [
  {
    method: "POST",
    path: "/images/create",
    tag: "images",
    summary: "Create an image",
    description:
      "Starts a build of an image with the given languages and answers at once (status BUILDING), as createImage.",
    body: { input: "CreateImageInput" },
    answer: { kind: "object", output: { type: "Image" } },
    refusals: [400, 403, 413, 429, 503],
    run: withInput("createImage"),
  },
  {
    method: "POST",
    path: "/execute",
    tag: "executions",
    summary: "Run code",
    description:
      'Runs code and answers the finished execution (with `"wait": false`, at once), as the execute mutation. Languages may be given as the seed named them ("python", "node", "csharp", "bash").',
    body: { input: "ExecuteInput" },
    answer: { kind: "object", output: EXECUTION },
    refusals: RUN_REFUSALS,
    run: withInput("execute"),
  },
  {
    method: "POST",
    path: "/execute/stream",
    tag: "executions",
    summary: "Run code, streaming its events",
    description:
      "Starts a run and streams its events as server-sent events (each `id:` is the event's seq; the data is a LogChunk or a StatusChange), ending after the final status. A client that disconnects leaves the run going: follow it again with GET /executions/{id}/stream and Last-Event-ID (every event carries executionId).",
    body: { input: "ExecuteInput" },
    answer: { kind: "events" },
    refusals: RUN_REFUSALS,
    run: async ({ graphql, documents, actor, json }) => ({
      events: await graphql.subscribe(actor, documents.run, { input: await json() }),
      field: "event",
    }),
  },
  {
    method: "GET",
    path: "/executions/{id}",
    tag: "executions",
    summary: "Get an execution",
    description: "The execution, with its output once it has ended.",
    answer: { kind: "object", output: EXECUTION },
    refusals: [404],
    run: byId("execution", "execution"),
  },
  {
    method: "GET",
    path: "/executions/{id}/progress",
    tag: "executions",
    summary: "An execution's status and last event",
    description: "Where the execution is, and the seq of its last event: what a stream resumes after (Last-Event-ID).",
    answer: {
      kind: "schema",
      description: "The status and the last event's seq (0 before the first).",
      schema: {
        type: "object",
        required: ["status", "lastSeq"],
        properties: {
          status: { $ref: "#/components/schemas/ExecutionStatus" },
          lastSeq: { type: "integer", minimum: 0, description: "The seq of the execution's last event so far." },
        },
      },
    },
    refusals: [404],
    run: async ({ services, actor, id }) => ({ json: await services.executions.progress(actor, id) }),
  },
  {
    method: "GET",
    path: "/executions/{id}/stream",
    tag: "executions",
    summary: "Follow an execution's events",
    description:
      "Its events as server-sent events: those after Last-Event-ID (or afterSeq; all by default), then live ones, ending after the final status. Leaving does not stop the run.",
    query: [
      {
        name: "afterSeq",
        schema: { type: "integer", minimum: 0 },
        description: "Resume after this seq (Last-Event-ID wins).",
      },
    ],
    answer: { kind: "events" },
    refusals: [400, 404, 429],
    run: async ({ graphql, documents, actor, id, query, request }) => ({
      events: await graphql.subscribe(actor, documents.executionEvents, { id, afterSeq: resumeAfter(request, query) }),
      field: "event",
    }),
  },
  {
    method: "POST",
    path: "/packages/install",
    tag: "images",
    summary: "Install packages into an image",
    description:
      'Installs packages as a new layer of the image and answers the finished installation (with `"wait": false`, at once), as installPackages. The manager may be given in lower case ("pip", "npm") or as the language ("python").',
    body: { input: "InstallPackagesInput" },
    answer: { kind: "object", output: { type: "PackageInstallation" } },
    refusals: [400, 403, 404, 413, 429, 503],
    run: withInput("installPackages"),
  },
  {
    method: "POST",
    path: "/files/upload",
    tag: "files",
    summary: "Upload a file",
    description:
      "Stores a file: JSON `{name, content, language?}`, or multipart/form-data with the file in the part `file` (its name from the part's filename unless a `name` field is given; `language` optional).",
    body: { input: "UploadFileInput", multipart: true },
    answer: { kind: "object", output: STORED_FILE },
    refusals: [400, 403, 413, 429],
    run: async ({ graphql, documents, actor, upload }) => ({
      json: (await graphql.execute(actor, documents.uploadFile, { input: await upload() })).result,
    }),
  },
  {
    method: "GET",
    path: "/files",
    tag: "files",
    summary: "List files",
    description:
      "The caller's stored files, newest first, a page at a time (items without their content: GET /files/{id} has it).",
    query: [
      {
        name: "first",
        schema: { type: "integer", minimum: 1, maximum: 100 },
        description: "How many (1 to 100; default 20).",
      },
      { name: "after", schema: { type: "string" }, description: "The nextCursor of the previous page." },
      { name: "language", schema: LANGUAGE_QUERY_SCHEMA, description: "Only files of this language." },
    ],
    answer: { kind: "page", output: LIST_ITEM },
    refusals: [400],
    run: async ({ graphql, documents, actor, query }) => {
      const variables = {
        first: intParam(query, "first"),
        after: query.get("after"),
        language: languageParam(query.get("language")),
      };
      const { result } = (await graphql.execute(actor, documents.files, variables)) as {
        result: {
          totalCount: number;
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
          edges: { node: unknown }[];
        };
      };
      return {
        json: {
          items: result.edges.map((edge) => edge.node),
          nextCursor: result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null,
          totalCount: result.totalCount,
        },
      };
    },
  },
  {
    method: "GET",
    path: "/files/stats",
    tag: "files",
    summary: "File statistics",
    description: "How many files the caller has, their total size, and how many per language.",
    answer: { kind: "object", output: { type: "FileStats" } },
    refusals: [],
    run: async ({ graphql, documents, actor }) => ({
      json: (await graphql.execute(actor, documents.fileStats, {})).result,
    }),
  },
  {
    method: "GET",
    path: "/files/{id}",
    tag: "files",
    summary: "Get a file",
    description: "The stored file, with its content.",
    answer: { kind: "object", output: STORED_FILE },
    refusals: [404],
    run: byId("file", "stored file"),
  },
  {
    method: "DELETE",
    path: "/files/{id}",
    tag: "files",
    summary: "Delete a file",
    description: "Deletes the stored file; executions that ran it keep their records.",
    answer: {
      kind: "schema",
      description: "It is gone.",
      schema: { type: "object", required: ["deleted"], properties: { deleted: { type: "boolean", const: true } } },
    },
    refusals: [404],
    run: async ({ graphql, documents, actor, id }) => ({
      json: { deleted: (await graphql.execute(actor, documents.deleteFile, { id })).result },
    }),
  },
  {
    method: "POST",
    path: "/files/{id}/execute",
    tag: "files",
    summary: "Run a stored file",
    description: "Runs the stored file as executeFile does; the body (optional) takes ExecuteFileInput's other fields.",
    body: { input: "ExecuteFileInput", omit: ["fileId"], name: "ExecuteFileBody", optional: true },
    answer: { kind: "object", output: EXECUTION },
    refusals: RUN_REFUSALS,
    run: async ({ graphql, documents, actor, id, json }) => {
      const input = { ...(await json({ optional: true })), fileId: id };
      return { json: (await graphql.execute(actor, documents.executeFile, { input })).result };
    },
  },
];
