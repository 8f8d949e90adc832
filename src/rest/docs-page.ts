/**
 * The REST API's reference page at /docs: Swagger UI from the swagger-ui-dist package, served by
 * this server (no CDN: it works offline), reading /openapi.json. No inline script, and a
 * Content-Security-Policy that lets the page reach this origin only; Swagger UI's online
 * validator badge is turned off, since it would send the document elsewhere.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { sameOriginPolicy } from "../http/content-security.js";
import { answerPageUnavailable, REINSTALL_REMEDY, StaticFile, sendStaticFile } from "../http/static-files.js";
import { CSRF_HEADER } from "./request-body.js";

export const DOCS_PATH = "/docs";
export const OPENAPI_PATH = "/openapi.json";

/** Where the page's files are; each set of them in its own folder (see readDocsFiles). */
const ASSETS_PATH = `${DOCS_PATH}/assets/`;

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

const page = (assets: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>REST API · mcp-docker-executor</title>
<link rel="stylesheet" href="${assets}swagger-ui.css">
<link rel="icon" type="image/png" href="${assets}favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="${assets}swagger-ui-bundle.js"></script>
<script src="${assets}start.js"></script></body></html>
`;

const FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

/** The page and its files by URL path, read at start (see http/static-files.ts); about 2 MB. */
export interface DocsFiles {
  page: string;
  files: Map<string, StaticFile>;
}

/** Reads Swagger UI's files from swagger-ui-dist's package folder (SWAGGER_UI_DIR); rejects when one cannot be read. */
export async function readDocsFiles(distDir: string): Promise<DocsFiles> {
  const named = await Promise.all(
    Object.entries(FILES).map(
      async ([name, type]) => [name, new StaticFile(type, await readFile(join(distDir, name)))] as const,
    ),
  );
  named.push(["start.js", new StaticFile("text/javascript; charset=utf-8", Buffer.from(START))]);
  // The folder is named after the files' content, so a browser may keep them until they change.
  const hash = createHash("sha256");
  for (const [name, file] of named) hash.update(name).update(file.body);
  const assets = `${ASSETS_PATH}${hash.digest("hex").slice(0, 16)}/`;
  return { page: page(assets), files: new Map(named.map(([name, file]) => [assets + name, file])) };
}

/** Serves the page and its files (503 for both when `docs` could not be read at start); false when the path is neither. */
export async function serveDocs(
  docs: DocsFiles | null,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const page = path === DOCS_PATH || path === `${DOCS_PATH}/`;
  if (!page && !path.startsWith(ASSETS_PATH)) return false;
  if (!docs) {
    answerPageUnavailable(
      response,
      "The REST API's reference page",
      `${REINSTALL_REMEDY} ${OPENAPI_PATH} still answers.`,
    );
    return true;
  }
  if (page) {
    response.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
    });
    response.end(docs.page);
    return true;
  }
  const asset = docs.files.get(path);
  if (!asset) return false;
  await sendStaticFile(request, response, asset, { "cache-control": "public, max-age=31536000, immutable" });
  return true;
}

/** True for the docs page and its files. */
export const isDocsPath = (path: string) => path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`);
