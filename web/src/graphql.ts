/**
 * The console's only ways to the server: same-origin fetch for queries, mutations and uploads, and
 * one graphql-ws socket for streams. Both carry the HttpOnly session cookie by themselves; the page
 * never sees or keeps a key. Every failure becomes an ApiError with the contract's code.
 */
import { type Client, createClient } from "graphql-ws";

const ENDPOINT = "/graphql";
/** Yoga's CSRF check wants it on multipart posts (a page of another site cannot add it). */
const CSRF_HEADER = { "x-graphql-yoga-csrf": "1" };

/** A refusal or failure, with the contract's code (or NETWORK, CONNECTION, INTERNAL_SERVER_ERROR). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string };
}

interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLErrorLike[];
}

function fromGraphQLErrors(errors: readonly GraphQLErrorLike[]): ApiError {
  const code = errors[0]?.extensions?.code ?? "INTERNAL_SERVER_ERROR";
  return new ApiError(code, errors.map((error) => error.message).join("\n"));
}

const isCloseEvent = (value: unknown): value is CloseEvent =>
  typeof value === "object" && value !== null && "code" in value && "reason" in value;

/** What a thrown value, a GraphQL error list or a socket's close means, as an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (Array.isArray(error) && error.length > 0) return fromGraphQLErrors(error as GraphQLErrorLike[]);
  if (isCloseEvent(error)) {
    if (error.code === 4403) {
      return new ApiError("UNAUTHENTICATED", "The server closed the stream: the session ended or the key was revoked.");
    }
    return new ApiError(
      "CONNECTION",
      `The stream's connection closed (${error.code}${error.reason ? `: ${error.reason}` : ""}).`,
    );
  }
  if (error instanceof Error) return new ApiError("INTERNAL_SERVER_ERROR", error.message);
  return new ApiError("INTERNAL_SERVER_ERROR", String(error));
}

async function post<T>(init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, { method: "POST", credentials: "same-origin", ...init });
  } catch (error) {
    throw new ApiError("NETWORK", `The server did not answer (${error instanceof Error ? error.message : error}).`);
  }
  let body: GraphQLResult<T> | undefined;
  try {
    body = (await response.json()) as GraphQLResult<T>;
  } catch {
    body = undefined;
  }
  if (body?.errors?.length) throw fromGraphQLErrors(body.errors);
  if (response.status === 401) throw new ApiError("UNAUTHENTICATED", "Log in to use the console.");
  if (!response.ok || !body?.data) {
    throw new ApiError(`HTTP_${response.status}`, `The server answered ${response.status} ${response.statusText}.`);
  }
  return body.data;
}

/** A query or mutation over HTTP; rejects with an ApiError. */
export function request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return post<T>({
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
      ...CSRF_HEADER,
    },
    body: JSON.stringify({ query, variables }),
  });
}

/** A GraphQL multipart request (the `File` scalar): `variables.file` is sent as the upload. */
export function uploadRequest<T>(query: string, variables: Record<string, unknown>, file: File): Promise<T> {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.append("map", JSON.stringify({ 0: ["variables.file"] }));
  form.append("0", file, file.name);
  return post<T>({
    headers: { accept: "application/graphql-response+json, application/json", ...CSRF_HEADER },
    body: form,
  });
}

/** The socket's state, for the banner: it shows while the socket is down after having been up. */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "unauthenticated";

const stateListeners = new Set<(state: ConnectionState) => void>();
let connectionState: ConnectionState = "connecting";
function setConnectionState(state: ConnectionState): void {
  if (state === connectionState) return;
  connectionState = state;
  for (const listener of stateListeners) listener(state);
}

export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  stateListeners.add(listener);
  listener(connectionState);
  return () => stateListeners.delete(listener);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One socket for the page, opened at once (not lazily), so the banner can tell a lost connection
 * even between streams. It retries for ever, quickly at first, except when the server refused the
 * session (4403): then the page asks to log in again.
 */
export const wsClient: Client = createClient({
  url: () => `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${ENDPOINT}`,
  lazy: false,
  keepAlive: 10_000,
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: (error) => !(isCloseEvent(error) && error.code === 4403),
  retryWait: (retries) => sleep(Math.min(250 * 2 ** retries, 4000)),
  on: {
    connected: () => setConnectionState("connected"),
    closed: (event) => {
      if (isCloseEvent(event) && event.code === 4403) setConnectionState("unauthenticated");
      else if (connectionState === "connected") setConnectionState("reconnecting");
    },
  },
  onNonLazyError: (error) => {
    if (isCloseEvent(error) && error.code === 4403) setConnectionState("unauthenticated");
    else setConnectionState("reconnecting");
  },
});

export interface StreamHandlers<T> {
  /** Each item once, in seq order. */
  onItem(item: T): void;
  onError(error: ApiError): void;
  /** The stream ended (the execution, build or installation is over). */
  onComplete(): void;
}

/**
 * Follows one of the API's resumable streams (executionEvents, imageBuildLogs,
 * packageInstallationLogs), whose items carry a seq and which take afterSeq. Returns a function
 * that stops following.
 *
 * When the socket drops, graphql-ws reconnects and subscribes again with this same payload object,
 * which it serialises at each send: keeping `variables.afterSeq` at the last seq shown makes the
 * server replay exactly what was missed. Anything at or below it is skipped all the same, so no
 * item is ever shown twice.
 */
export function followStream<T extends { seq: number }>(
  query: string,
  field: string,
  variables: Record<string, unknown>,
  afterSeq: number,
  handlers: StreamHandlers<T>,
): () => void {
  const payload = { query, variables: { ...variables, afterSeq } };
  let ended = false;
  const stop = wsClient.subscribe<Record<string, T>>(payload, {
    next(result) {
      if (result.errors?.length) {
        handlers.onError(fromGraphQLErrors(result.errors as GraphQLErrorLike[]));
        return;
      }
      const item = result.data?.[field];
      if (!item || item.seq <= payload.variables.afterSeq) return;
      payload.variables.afterSeq = item.seq;
      handlers.onItem(item);
    },
    error(error) {
      ended = true;
      handlers.onError(toApiError(error));
    },
    complete() {
      if (ended) return;
      ended = true;
      handlers.onComplete();
    },
  });
  return () => {
    ended = true;
    stop();
  };
}
