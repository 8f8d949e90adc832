/**
 * Reading a REST request's body under the server's one body rule (http/body-limit.ts), and the
 * cross-site check that a browser's form cannot pass. A JSON body needs `content-type:
 * application/json`, which a browser sends cross-site only after a preflight this server never
 * grants (it sends no CORS headers). A body a browser can send without one (multipart, a form,
 * text, none at all) needs a header that forces a preflight: `Authorization` (a key) or Yoga's
 * `x-graphql-yoga-csrf`, as GraphQL's multipart does.
 */
import type { IncomingMessage } from "node:http";
import { tooLarge } from "../http/body-limit.js";
import { RestError } from "./rest-errors.js";

export const CSRF_HEADER = "x-graphql-yoga-csrf";
const PREFLIGHT_HEADERS = ["authorization", CSRF_HEADER];

const mediaType = (request: IncomingMessage) =>
  (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/** Refuses a POST a cross-site page could have sent as a form. */
export function requirePreflighted(request: IncomingMessage): void {
  if (mediaType(request) === "application/json") return;
  if (PREFLIGHT_HEADERS.some((name) => request.headers[name] !== undefined)) return;
  throw new RestError(
    "FORBIDDEN",
    `A request with this body could come from another site's form: send it as application/json, or with an Authorization or ${CSRF_HEADER} header.`,
  );
}

function limitRefusal(maxBytes: number, size: string, halfRead = false): RestError {
  const error = tooLarge(maxBytes, size, halfRead);
  const http = error.extensions.http as { status: number; headers?: Record<string, string> };
  return new RestError("LIMIT_EXCEEDED", error.message, http.status, http.headers ?? {});
}

/** The whole body, at most `maxBytes`: refused by its Content-Length before reading, or as it passes the limit. */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = request.headers["content-length"];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    throw limitRefusal(maxBytes, `${declared} bytes`);
  }
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    read += chunk.byteLength;
    if (read > maxBytes) throw limitRefusal(maxBytes, `over ${maxBytes} bytes`, true);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON object body; an empty body is `{}` where the route allows it. */
export async function readJsonObject(
  request: IncomingMessage,
  maxBytes: number,
  { optional = false } = {},
): Promise<Record<string, unknown>> {
  requirePreflighted(request);
  const body = await readBody(request, maxBytes);
  if (body.length === 0 && optional) return {};
  if (mediaType(request) !== "application/json") {
    throw new RestError("BAD_USER_INPUT", "Send the body as JSON, with content-type: application/json.", 415);
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new RestError("BAD_USER_INPUT", `The body is not JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new RestError("BAD_USER_INPUT", "The body must be a JSON object of the input's fields.");
  }
  return value as Record<string, unknown>;
}

export const isMultipart = (request: IncomingMessage) => mediaType(request) === "multipart/form-data";

/** A multipart body's fields, parsed by the same multipart parser as GraphQL's uploads. */
export async function readForm(
  request: IncomingMessage,
  maxBytes: number,
  RequestClass: typeof Request,
): Promise<FormData> {
  requirePreflighted(request);
  const body = await readBody(request, maxBytes);
  try {
    return await new RequestClass("http://localhost/", {
      method: "POST",
      headers: { "content-type": request.headers["content-type"] ?? "" },
      body: new Uint8Array(body) as unknown as BodyInit,
    }).formData();
  } catch (error) {
    throw new RestError("BAD_USER_INPUT", `The multipart body cannot be read: ${(error as Error).message}`);
  }
}
