/**
 * The CLI's connection to a server: GraphQL over HTTP for queries and mutations, graphql-ws for
 * subscriptions, each taking a typed document (see graphql.ts). Errors come back as CliError:
 * UnreachableError when nothing answers at the URL, GraphQLRequestError carrying the server's code
 * otherwise.
 */
import { print } from "@0no-co/graphql.web";
import type { Client } from "graphql-ws";
import type { TadaDocumentNode } from "./graphql.js";

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export class UnreachableError extends CliError {
  constructor(url: string, cause: string) {
    super(
      `No mcp-docker-executor server answers at ${url} (${cause}).\n` +
        "Start one with `npm start` in the project folder, or point --url (or MCP_EXECUTOR_URL) at a running server.",
      2,
    );
  }
}

export class GraphQLRequestError extends CliError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`, 1);
  }
}

/** What the CLI says when the server refuses its key on the WebSocket (close code 4403). */
const UNAUTHENTICATED_HINT =
  "the server refused the API key: give one with --token or MCP_EXECUTOR_TOKEN (for a server on this machine, DATA_DIR/admin.key is read).";

interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function raise(errors: NonNullable<GraphQLResult<unknown>["errors"]>): never {
  const [first] = errors;
  throw new GraphQLRequestError(first?.extensions?.code ?? "GRAPHQL_ERROR", first?.message ?? "unknown error");
}

/** A document's variables argument: optional when it has no required variable. */
type VariablesArgument<Variables> =
  Record<string, never> extends Variables ? [variables?: Variables] : [variables: Variables];

export interface GraphQLClient {
  url: string;
  request<Result, Variables>(
    document: TadaDocumentNode<Result, Variables>,
    ...[variables]: VariablesArgument<Variables>
  ): Promise<Result>;
  /** Runs a subscription until it completes; onNext gets each result's data. */
  subscribe<Result, Variables>(
    document: TadaDocumentNode<Result, Variables>,
    variables: Variables,
    onNext: (data: Result) => void,
  ): Promise<void>;
  close(): Promise<void>;
}

/** A client of the server at `url`, sending `token` (an API key) when there is one. */
export function createGraphQLClient(url: string, token: string | null): GraphQLClient {
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let ws: Client | null = null;
  // Loaded on the first subscription: commands without one (and --version) start faster without them.
  const socket = async () => {
    if (ws) return ws;
    const [{ createClient }, { default: WebSocket }] = await Promise.all([import("graphql-ws"), import("ws")]);
    ws = createClient({
      url: url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: authorization,
    });
    return ws;
  };

  return {
    url,
    async request<Result, Variables>(
      document: TadaDocumentNode<Result, Variables>,
      ...[variables]: VariablesArgument<Variables>
    ): Promise<Result> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json", ...authorization },
          body: JSON.stringify({ query: print(document), variables }),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new UnreachableError(url, cause?.code ?? cause?.message ?? (error as Error).message);
      }
      let result: GraphQLResult<Result>;
      try {
        result = (await response.json()) as GraphQLResult<Result>;
      } catch {
        throw new UnreachableError(url, `HTTP ${response.status} is not a GraphQL answer`);
      }
      if (result.errors?.length) raise(result.errors);
      return result.data as Result;
    },

    subscribe<Result, Variables>(
      document: TadaDocumentNode<Result, Variables>,
      variables: Variables,
      onNext: (data: Result) => void,
    ): Promise<void> {
      return socket().then(
        (client) =>
          new Promise((resolve, reject) => {
            client.subscribe<Result>(
              { query: print(document), variables: variables as Record<string, unknown> },
              {
                next: (result) => {
                  if (result.errors?.length) {
                    try {
                      raise(result.errors as NonNullable<GraphQLResult<unknown>["errors"]>);
                    } catch (error) {
                      reject(error);
                    }
                    return;
                  }
                  onNext(result.data as Result);
                },
                error: (error) => {
                  if (Array.isArray(error)) {
                    try {
                      raise(error);
                    } catch (raised) {
                      reject(raised);
                    }
                  } else if ((error as { code?: number }).code === 4403) {
                    reject(new GraphQLRequestError("UNAUTHENTICATED", UNAUTHENTICATED_HINT));
                  } else {
                    const message = error instanceof Error ? error.message : "the WebSocket closed";
                    reject(new UnreachableError(url, message));
                  }
                },
                complete: () => resolve(),
              },
            );
          }),
      );
    },

    async close() {
      await ws?.dispose();
    },
  };
}
