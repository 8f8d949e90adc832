/**
 * graphql-ws on the HTTP server's port and GraphQL path. Each operation runs through Yoga's
 * envelop, so both transports share its plugins (limits and error masking included); an operation
 * that fails to parse or validate, or comes past the connection's cap, gets an error of its own
 * while the socket and its other operations live on.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import { type DocumentNode, type ExecutionArgs, GraphQLError } from "graphql";
import type { Context, OperationResult, SubscribePayload } from "graphql-ws";
import { type Extra, useServer } from "graphql-ws/use/ws";
import type { YogaServerInstance } from "graphql-yoga";
import { WebSocketServer } from "ws";
import type { GraphQLLimits } from "../config.js";
import type { AppContext } from "../context.js";
import type { Actor } from "../domain/principal.js";
import { refusal } from "../graphql-errors.js";
import { createOperationSlots, type OperationSlots } from "./operation-slots.js";

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}

export interface GraphQLWebSocketOptions {
  server: Server;
  yoga: YogaServerInstance<{ actor: Actor }, AppContext>;
  limits: GraphQLLimits;
  /** The request guard: whether an upgrade request may open a socket. */
  accept: (request: IncomingMessage) => boolean;
  /** The caller of a socket, from its connection_init and upgrade request; null closes it with 4403. */
  authenticate: (request: IncomingMessage, connectionParams: unknown) => Promise<Actor | null>;
  /** Remembers that `actor` holds the socket open, so that revoking its key closes it; returns a forget function. */
  holdOpen: (actor: Actor, close: () => void) => () => void;
  /** Operations in flight per principal, shared with the REST API's streams; made here when not given. */
  principalSlots?: OperationSlots<string>;
}

/** What graphql-ws keeps per socket: the caller its onConnect found. */
type SocketExtra = { actor?: Actor; connectionId?: string };
type SocketContext = Context<Record<string, unknown> | undefined, Extra & SocketExtra>;

/** The work's result, or its GraphQL error as the operation's answer (a syntax error is the client's, not the socket's). */
function orErrors<T>(work: () => T): T | GraphQLError[] {
  try {
    return work();
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
}

export function attachGraphQLWebSocket({
  server,
  yoga,
  limits,
  accept,
  authenticate,
  holdOpen,
  principalSlots = createOperationSlots<string>(limits.wsMaxSubscriptionsPerPrincipal),
}: GraphQLWebSocketOptions): WebSocketServer {
  const wsServer = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    // A larger message closes the socket with 1009 before it is buffered whole.
    maxPayload: limits.wsMaxMessageBytes,
    verifyClient: ({ req }: { req: IncomingMessage }) => accept(req),
  });
  const slots = createOperationSlots<object>(limits.wsMaxSubscriptions);
  // principalSlots: across all of a principal's connections; an operation is named by its connection and its id.
  const operationOf = (ctx: SocketContext, id: string) => `${ctx.extra.connectionId}/${id}`;
  const principalOf = (ctx: SocketContext) => ctx.extra.actor?.principalId ?? "";
  const giveBack = (ctx: SocketContext, id: string) => {
    slots.give(ctx, id);
    principalSlots.give(principalOf(ctx), operationOf(ctx, id));
  };

  async function prepare(ctx: SocketContext, payload: SubscribePayload): Promise<ExecutionArgs | GraphQLError[]> {
    const enveloped = yoga.getEnveloped({
      ...ctx,
      req: ctx.extra.request,
      socket: ctx.extra.socket,
      params: payload,
      actor: ctx.extra.actor,
    });
    const document = orErrors<DocumentNode>(() => enveloped.parse(payload.query));
    if (Array.isArray(document)) return document;
    const errors = orErrors(() => enveloped.validate(enveloped.schema, document));
    if (errors.length > 0) return [...errors];
    return {
      schema: enveloped.schema,
      operationName: payload.operationName,
      document,
      variableValues: payload.variables,
      contextValue: await enveloped.contextFactory(),
      rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe } satisfies EnvelopedRoot,
    };
  }

  useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      connectionInitWaitTimeout: limits.wsInitTimeoutMs,
      onConnect: async (ctx) => {
        const actor = await authenticate(ctx.extra.request, ctx.connectionParams);
        // A socket that closed while the caller was looked up has had its close: nothing to hold open.
        if (!actor || ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return false;
        ctx.extra.actor = actor;
        ctx.extra.connectionId = randomUUID();
        const forget = holdOpen(actor, () => ctx.extra.socket.close(4403, "Forbidden: the API key was revoked"));
        ctx.extra.socket.once("close", forget);
        return true;
      },
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args),
      onSubscribe: async (ctx, id, payload) => {
        if (!slots.take(ctx, id)) {
          return [
            refusal(
              "LIMIT_EXCEEDED",
              `This connection already has ${limits.wsMaxSubscriptions} operations in flight, the most it may (GRAPHQL_WS_MAX_SUBSCRIPTIONS): complete one first.`,
            ),
          ];
        }
        if (!principalSlots.take(principalOf(ctx), operationOf(ctx, id))) {
          slots.give(ctx, id);
          return [
            refusal(
              "LIMIT_EXCEEDED",
              `This API key's principal already has ${limits.wsMaxSubscriptionsPerPrincipal} operations in flight over WebSockets and REST streams, the most it may (GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_PRINCIPAL): complete one first.`,
            ),
          ];
        }
        const prepared = await prepare(ctx, payload);
        if (Array.isArray(prepared)) giveBack(ctx, id);
        return prepared;
      },
      // An operation ends through one of these (an error is followed by a completion when it had started).
      onError: (ctx, id) => giveBack(ctx, id),
      onComplete: (ctx, id) => giveBack(ctx, id),
      onClose: (ctx) => {
        principalSlots.forgetWhere(principalOf(ctx), (operation) => operation.startsWith(`${ctx.extra.connectionId}/`));
        slots.forget(ctx);
      },
    },
    wsServer,
  );
  return wsServer;
}
