/**
 * The web console: the single-page app built from web/ by Vite into dist/ui, served under
 * CONSOLE_PATH behind the same key or session as everything else, read at start (see static-files.ts).
 * Vite names each asset after a hash of its content, so assets are cached for good; index.html is
 * never cached, so a new build is picked up at the next load once the server restarts. Any other path under /ui/ is a client-side route (such as
 * /ui/executions/ID) and gets index.html, so a reload or a shared link works.
 */
import { readdir, readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, sep } from "node:path";
import { answerNoSuchFile, answerPageUnavailable, StaticFile, sendStaticFile } from "./static-files.js";

export const CONSOLE_PATH = "/ui/";
const ASSETS_PREFIX = `${CONSOLE_PATH}assets/`;

/**
 * Only this origin; its WebSocket included (CSP's 'self' covers ws: to the same host and port).
 * Styles inline too: CodeMirror adds its style elements at run time.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Every built file by its URL path (a few hundred KB), read at start; rejects when the console is not built. */
export type ConsoleFiles = Map<string, StaticFile>;

export async function readConsoleFiles(dir: string): Promise<ConsoleFiles> {
  const files: ConsoleFiles = new Map();
  for (const file of await filesUnder(dir)) {
    const urlPath = CONSOLE_PATH + relative(dir, file).split(sep).join("/");
    files.set(
      urlPath,
      new StaticFile(CONTENT_TYPES[extname(file)] ?? "application/octet-stream", await readFile(file)),
    );
  }
  if (!files.has(`${CONSOLE_PATH}index.html`)) throw new Error(`no index.html in ${dir}`);
  return files;
}

function send(request: IncomingMessage, response: ServerResponse, file: StaticFile, cacheControl: string) {
  return sendStaticFile(request, response, file, {
    "cache-control": cacheControl,
    ...(file.contentType.startsWith("text/html")
      ? { "content-security-policy": CONTENT_SECURITY_POLICY, "referrer-policy": "no-referrer" }
      : {}),
  });
}

/**
 * Answers a request under /ui (the caller is already authenticated); `files` is null when the
 * console could not be read at start. Resolves false when the path is not the console's.
 */
export async function serveConsole(
  files: ConsoleFiles | null,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  if (path === "/ui") {
    const query = new URL(request.url ?? "/", "http://localhost").search;
    response.writeHead(308, { location: CONSOLE_PATH + query, "cache-control": "no-store" });
    response.end();
    return true;
  }
  if (!path.startsWith(CONSOLE_PATH)) return false;
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" });
    response.end("Method not allowed\n");
    return true;
  }
  if (!files) {
    answerPageUnavailable(
      response,
      "The web console",
      "It is built with `npm run build` (web/ into dist/ui); an operator builds it and restarts the server.",
    );
    return true;
  }
  const index = `${CONSOLE_PATH}index.html`;
  const file = path === index ? undefined : files.get(path);
  // Behind the key or session like every page here; an asset's path changes with its content.
  if (file)
    await send(
      request,
      response,
      file,
      `private, ${path.startsWith(ASSETS_PREFIX) ? "max-age=31536000, immutable" : "no-cache"}`,
    );
  // A missing file (an older build's asset) is a 404, not the page: a script must not get HTML.
  else if (path !== index && (path.startsWith(ASSETS_PREFIX) || extname(path) !== "")) answerNoSuchFile(response);
  else await send(request, response, files.get(index) as StaticFile, "private, no-cache");
  return true;
}
