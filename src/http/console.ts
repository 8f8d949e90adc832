/**
 * The web console: the single-page app built from web/ by Vite into dist/ui, served under
 * CONSOLE_PATH behind the same key or session as everything else. Vite names each asset after a
 * hash of its content, so assets are cached for good; index.html is never cached, so a new build
 * is picked up at the next load. Any other path under /ui/ is a client-side route (such as
 * /ui/executions/ID) and gets index.html, so a reload or a shared link works.
 */
import { readdir, readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { PROJECT_ROOT } from "../paths.js";

export const CONSOLE_PATH = "/ui/";
/** Where `npm run build` puts the console (vite build web). */
export const CONSOLE_DIR = join(PROJECT_ROOT, "dist", "ui");
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

interface ConsoleFile {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Every built file by its URL path; read once (a few hundred KB), on the first console request. */
async function loadFiles(dir: string): Promise<Map<string, ConsoleFile>> {
  const compress = promisify(gzip);
  const files = new Map<string, ConsoleFile>();
  for (const file of await filesUnder(dir)) {
    const body = await readFile(file);
    const urlPath = CONSOLE_PATH + relative(dir, file).split(sep).join("/");
    const contentType = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
    files.set(urlPath, { contentType, body, gzipped: await compress(body) });
  }
  if (!files.has(`${CONSOLE_PATH}index.html`)) throw new Error(`no index.html in ${dir}`);
  return files;
}

let loaded: Promise<Map<string, ConsoleFile>> | undefined;
const consoleFiles = (): Promise<Map<string, ConsoleFile>> => {
  loaded ??= loadFiles(CONSOLE_DIR).catch((error) => {
    // Not built (yet): try again at the next request, so a build while the server runs is found.
    loaded = undefined;
    throw error;
  });
  return loaded;
};

function send(request: IncomingMessage, response: ServerResponse, file: ConsoleFile, cacheControl: string): void {
  const gzipped = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
  const body = gzipped ? file.gzipped : file.body;
  response.writeHead(200, {
    "content-type": file.contentType,
    "content-length": body.length,
    "cache-control": cacheControl,
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
    ...(file.contentType.startsWith("text/html")
      ? { "content-security-policy": CONTENT_SECURITY_POLICY, "referrer-policy": "no-referrer" }
      : {}),
    ...(gzipped ? { "content-encoding": "gzip" } : {}),
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

/**
 * Answers a request under /ui (the caller is already authenticated). Resolves false when the path
 * is not the console's.
 */
export async function serveConsole(path: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
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
  let files: Map<string, ConsoleFile>;
  try {
    files = await consoleFiles();
  } catch {
    response.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    response.end(`The web console is not built: run \`npm run build\` (it builds web/ into ${CONSOLE_DIR}).\n`);
    return true;
  }
  const index = `${CONSOLE_PATH}index.html`;
  const file = path === index ? undefined : files.get(path);
  // Behind the key or session like every page here; an asset's path changes with its content.
  if (file)
    send(
      request,
      response,
      file,
      `private, ${path.startsWith(ASSETS_PREFIX) ? "max-age=31536000, immutable" : "no-cache"}`,
    );
  else if (path !== index && (path.startsWith(ASSETS_PREFIX) || extname(path) !== "")) {
    // A missing file (an older build's asset) is a 404, not the page: a script must not get HTML.
    response.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" });
    response.end("Not found\n");
  } else send(request, response, files.get(index) as ConsoleFile, "private, no-cache");
  return true;
}
