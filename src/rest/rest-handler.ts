/**
 * The REST API's HTTP entry: matches a request to a route of the table, reads its body under the
 * body rule, runs the route's adapter as the caller, and answers JSON, server-sent events, or
 * `{ error: { code, message } }`. It runs behind the same request guard and key check as GraphQL
 * (app.ts); a stream holds one of the principal's stream slots, shared with graphql-ws.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GraphQLSchema } from "graphql";
import type { YogaServerInstance } from "graphql-yoga";
import type { AppContext } from "../context.js";
import type { Actor } from "../domain/principal.js";
import { bodyFetch } from "../http/body-limit.js";
import type { OperationSlots } from "../http/operation-slots.js";
import { refuseUnauthenticated, UNAUTHENTICATED_MESSAGE } from "../http/unauthenticated.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services/index.js";
import { DOCS_PATH, type DocsFiles, isDocsPath, OPENAPI_PATH, serveDocs } from "./docs-page.js";
import { writeEventStream } from "./event-stream.js";
import { createGraphQLCaller } from "./graphql-call.js";
import { withEnumNames } from "./input-aliases.js";
import { buildOpenApi } from "./openapi.js";
import { isMultipart, readForm, readJsonObject } from "./request-body.js";
import { RestError, refusalOf, sendJson, sendRestError } from "./rest-errors.js";
import { type RestRoute, ROUTES, type RouteCall, restDocuments } from "./route-table.js";

export interface RestHandlerOptions {
  services: Services;
  /** The schema Yoga serves: the routes' documents and the OpenAPI document are read from it. */
  schema: GraphQLSchema;
  yoga: YogaServerInstance<{ actor: Actor }, AppContext>;
  /** The body rule's limit (GraphQLLimits.maxBodyBytes). */
  maxBodyBytes: number;
  /** Streams in flight per principal, shared with graphql-ws (GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_PRINCIPAL). */
  streamSlots: OperationSlots<string>;
  streamLimit: number;
  /** The /docs page's files, read at start; null when they could not be (the page answers 503). */
  docs: DocsFiles | null;
  logger: Logger;
}

export interface RestHandler {
  /** Whether the path is the REST API's (a route, /openapi.json or the docs page). */
  owns(path: string): boolean;
  /** Answers a request of a known caller. */
  handle(request: IncomingMessage, response: ServerResponse, actor: Actor): Promise<void>;
  /** Answers a request without a valid key: 401 as JSON, or the login form for a browser's page. */
  refuseUnauthenticated(request: IncomingMessage, response: ServerResponse): void;
}

interface Pattern {
  route: RestRoute;
  regex: RegExp;
}

const patternOf = (route: RestRoute): Pattern => ({
  route,
  regex: new RegExp(`^${route.path.replace("{id}", "([^/]+)")}$`),
});

export function createRestHandler(options: RestHandlerOptions): RestHandler {
  const { services, maxBodyBytes, streamSlots, streamLimit, logger } = options;
  const graphql = createGraphQLCaller(options.yoga);
  const documents = restDocuments(options.schema);
  const { Request } = bodyFetch(maxBodyBytes);
  const patterns = ROUTES.map(patternOf);
  let openApi: string | null = null;

  const matching = (path: string) => patterns.filter(({ regex }) => regex.test(path));

  async function uploadInput(request: IncomingMessage): Promise<Record<string, unknown>> {
    if (!isMultipart(request)) return withEnumNames(await readJsonObject(request, maxBodyBytes));
    const form = await readForm(request, maxBodyBytes, Request as unknown as typeof globalThis.Request);
    const file = form.get("file");
    if (file === null || typeof file === "string") {
      throw new RestError("BAD_USER_INPUT", "file: send the file as the multipart part named file.");
    }
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" && value !== "" ? value : null;
    };
    return withEnumNames({ name: text("name") ?? file.name, language: text("language"), file });
  }

  async function runRoute(
    route: RestRoute,
    id: string,
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
    actor: Actor,
  ): Promise<void> {
    const call: RouteCall = {
      actor,
      id,
      query: url.searchParams,
      request,
      graphql,
      documents,
      services,
      json: async ({ optional = false } = {}) =>
        withEnumNames(await readJsonObject(request, maxBodyBytes, { optional })),
      upload: () => uploadInput(request),
    };
    if (route.answer.kind === "events") {
      // The slot is taken before the run starts: a refused stream starts nothing.
      const slot = `rest/${randomUUID()}`;
      if (!streamSlots.take(actor.principalId, slot)) {
        throw new RestError(
          "QUOTA_EXCEEDED",
          `This API key's principal already has ${streamLimit} streams open (GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_PRINCIPAL, REST and WebSocket together): close one first.`,
        );
      }
      try {
        const result = await route.run(call);
        if ("events" in result) await writeEventStream(response, result.events, result.field);
      } finally {
        streamSlots.give(actor.principalId, slot);
      }
      return;
    }
    const result = await route.run(call);
    if ("json" in result) sendJson(response, 200, result.json);
  }

  async function handle(request: IncomingMessage, response: ServerResponse, actor: Actor): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const path = url.pathname;
    if (path === OPENAPI_PATH && request.method === "GET") {
      openApi ??= JSON.stringify(buildOpenApi(ROUTES, options.schema));
      response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(openApi);
      return;
    }
    if (isDocsPath(path) && request.method === "GET" && (await serveDocs(options.docs, path, request, response)))
      return;
    const candidates = matching(path);
    const match = candidates.find(({ route }) => route.method === request.method);
    try {
      if (!match) {
        const allowed = [...new Set(candidates.map(({ route }) => route.method))];
        if (allowed.length === 0) throw new RestError("NOT_FOUND", `No route ${request.method} ${path}.`);
        throw new RestError("BAD_USER_INPUT", `${path} takes ${allowed.join(", ")}, not ${request.method}.`, 405, {
          allow: allowed.join(", "),
        });
      }
      const raw = match.regex.exec(path)?.[1] ?? "";
      let id: string;
      try {
        id = decodeURIComponent(raw);
      } catch {
        throw new RestError("BAD_USER_INPUT", `The id ${raw} is not a valid URL component.`);
      }
      await runRoute(match.route, id, url, request, response, actor);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) {
        logger.error("REST request failed", {
          path,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
      if (response.headersSent) {
        response.end();
        return;
      }
      sendRestError(response, refusal ?? new RestError("INTERNAL_SERVER_ERROR", "Unexpected error."));
    }
  }

  return {
    owns: (path) => path === OPENAPI_PATH || isDocsPath(path) || matching(path).length > 0,
    handle,
    refuseUnauthenticated(request, response) {
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      // A person opening the docs page is sent to the login form, as for GraphiQL.
      if (path === DOCS_PATH) return refuseUnauthenticated(request, response);
      sendRestError(
        response,
        new RestError("UNAUTHENTICATED", UNAUTHENTICATED_MESSAGE, 401, { "www-authenticate": "Bearer" }),
      );
    },
  };
}
