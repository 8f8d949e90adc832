/**
 * The files behind the server's pages (GraphiQL, the console, /docs), held in memory from the
 * server's start: a `node_modules` or `dist` that changes under a running server cannot break a
 * page it serves. A page whose files could not be read at start answers a plain 503 that names no
 * path (the log has it).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const compress = promisify(gzip);

/** One file's bytes; compressed on the first request that accepts gzip, then kept. */
export class StaticFile {
  private gzipped: Promise<Buffer> | undefined;

  constructor(
    readonly contentType: string,
    readonly body: Buffer,
  ) {}

  gzip(): Promise<Buffer> {
    this.gzipped ??= compress(this.body);
    return this.gzipped;
  }
}

/** Answers 200 with `file`, compressed when the client accepts it; `headers` add caching and the like. */
export async function sendStaticFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: StaticFile,
  headers: Record<string, string>,
): Promise<void> {
  const gzipped = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
  const body = gzipped ? await file.gzip() : file.body;
  response.writeHead(200, {
    "content-type": file.contentType,
    "content-length": body.length,
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
    ...headers,
    ...(gzipped ? { "content-encoding": "gzip" } : {}),
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

/** The answer of a page whose files could not be read at start: plain text, no path, no stack. */
export function answerPageUnavailable(response: ServerResponse, page: string, remedy: string): void {
  response.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  response.end(`${page} is not available on this server: its files could not be read when it started. ${remedy}\n`);
}

/** The remedy most pages share: their files come with the server's installed dependencies. */
export const REINSTALL_REMEDY = "An operator reinstalls the server's dependencies (npm ci) and restarts it.";

/** 404 for a path under a page's folder that names no file of it (an older build's asset, say). */
export function answerNoSuchFile(response: ServerResponse): void {
  response.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" });
  response.end("Not found\n");
}
