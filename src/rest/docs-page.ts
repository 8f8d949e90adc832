/**
 * The REST API's reference page at /docs: Swagger UI from the swagger-ui-dist package, served by
 * this server (no CDN: it works offline), reading /openapi.json. No inline script, and a
 * Content-Security-Policy that lets the page reach this origin only; Swagger UI's online
 * validator badge is turned off, since it would send the document elsewhere.
 */
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { sameOriginPolicy } from "../http/content-security.js";
import { CSRF_HEADER } from "./request-body.js";

export const DOCS_PATH = "/docs";
export const OPENAPI_PATH = "/openapi.json";

const require = createRequire(import.meta.url);
const DIST = dirname(require.resolve("swagger-ui-dist/package.json"));
const DIST_VERSION: string = require("swagger-ui-dist/package.json").version;
/** The assets' folder carries the package's version, so a browser may keep them until it changes. */
const ASSETS_PATH = `${DOCS_PATH}/assets/${DIST_VERSION}/`;

const CONTENT_SECURITY_POLICY = sameOriginPolicy(["frame-ancestors 'none'"]);

const START = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_PATH)},
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  withCredentials: true,
  // This page's own requests ride on the session cookie: the header lets its multipart uploads pass.
  requestInterceptor: (request) => {
    request.headers[${JSON.stringify(CSRF_HEADER)}] = "1";
    return request;
  },
});
`;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>REST API · mcp-docker-executor</title>
<link rel="stylesheet" href="${ASSETS_PATH}swagger-ui.css">
<link rel="icon" type="image/png" href="${ASSETS_PATH}favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="${ASSETS_PATH}swagger-ui-bundle.js"></script>
<script src="${ASSETS_PATH}start.js"></script></body></html>
`;

interface Asset {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

const FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

let assets: Promise<Map<string, Asset>> | null = null;

async function loadAssets(): Promise<Map<string, Asset>> {
  const named: [string, string, Buffer][] = await Promise.all(
    Object.entries(FILES).map(
      async ([name, type]) => [name, type, await readFile(join(DIST, name))] as [string, string, Buffer],
    ),
  );
  named.push(["start.js", "text/javascript; charset=utf-8", Buffer.from(START)]);
  const zip = promisify(gzip);
  return new Map(
    await Promise.all(
      named.map(async ([name, contentType, body]) => [name, { contentType, body, gzipped: await zip(body) }] as const),
    ),
  );
}

/** Serves the page and its files; false when the path is neither. */
export async function serveDocs(path: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (path === DOCS_PATH || path === `${DOCS_PATH}/`) {
    response.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
    });
    response.end(PAGE);
    return true;
  }
  if (!path.startsWith(ASSETS_PATH)) return false;
  // Loaded on the first request for them, not at every start (about 2 MB).
  assets ??= loadAssets();
  const asset = (await assets).get(path.slice(ASSETS_PATH.length));
  if (!asset) return false;
  const zipped = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
  response.writeHead(200, {
    "content-type": asset.contentType,
    "cache-control": "public, max-age=31536000, immutable",
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
    ...(zipped ? { "content-encoding": "gzip" } : {}),
  });
  response.end(zipped ? asset.gzipped : asset.body);
  return true;
}

/** True for the docs page and its files. */
export const isDocsPath = (path: string) => path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`);
