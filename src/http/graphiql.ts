/**
 * GraphiQL with no internet: Yoga's default page loads GraphiQL from a CDN and stays blank offline.
 * This one is @graphql-yoga/render-graphiql's bundle (GraphiQL, Monaco's workers, the CSS and
 * favicon), served by this server as files under GRAPHIQL_ASSETS_PATH, beside a small page that
 * loads them. The files' path carries a hash of their content, so a browser keeps them until they
 * change; the page's Content-Security-Policy lets it reach this origin only.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { GraphiQLOptions } from "graphql-yoga";
import { sameOriginPolicy } from "./content-security.js";
import { escapeHtml } from "./login-routes.js";

export const GRAPHIQL_ASSETS_PATH = "/graphiql/";

/** Only this origin; Monaco's workers come from it too. */
const CONTENT_SECURITY_POLICY = sameOriginPolicy(["worker-src 'self'"]);

interface Asset {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

interface Assets {
  /** The folder of this bundle's files, e.g. /graphiql/0123456789abcdef/ */
  prefix: string;
  files: Map<string, Asset>;
}

/**
 * What runs before the bundle: Monaco finds its workers beside this script (their Monaco labels,
 * as render-graphiql names them), where render-graphiql's page makes them blob: URLs of inlined text.
 */
const PRELUDE = `(() => {
  const here = document.currentScript.src;
  const workers = {
    editorWorkerService: new URL("editor.worker.js", here).href,
    json: new URL("json.worker.js", here).href,
    graphql: new URL("graphql.worker.js", here).href,
  };
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
})();
`;
const START = `
;YogaGraphiQL.renderYogaGraphiQL(
  document.getElementById("root"),
  JSON.parse(document.getElementById("graphiql-options").textContent),
);
`;

const JAVASCRIPT = "text/javascript; charset=utf-8";

async function loadAssets(): Promise<Assets> {
  // About 9 MB of text: loaded on the first GraphiQL request, not at every start.
  const bundle = await import("@graphql-yoga/render-graphiql/graphiql");
  const favicon = /^data:([^;,]+);base64,(.*)$/s.exec(bundle.favicon);
  const named: [string, string, Buffer][] = [
    ["graphiql.js", JAVASCRIPT, Buffer.from(PRELUDE + bundle.js + START)],
    ["graphiql.css", "text/css; charset=utf-8", Buffer.from(bundle.css)],
    ["editor.worker.js", JAVASCRIPT, Buffer.from(bundle.editorWorkerService)],
    ["json.worker.js", JAVASCRIPT, Buffer.from(bundle.jsonWorker)],
    ["graphql.worker.js", JAVASCRIPT, Buffer.from(bundle.graphqlWorker)],
  ];
  if (favicon) named.push(["favicon.ico", favicon[1] as string, Buffer.from(favicon[2] as string, "base64")]);
  const hash = createHash("sha256");
  for (const [name, , body] of named) hash.update(name).update(body);
  const prefix = `${GRAPHIQL_ASSETS_PATH}${hash.digest("hex").slice(0, 16)}/`;
  const compress = promisify(gzip);
  const files = new Map<string, Asset>();
  for (const [name, contentType, body] of named) {
    files.set(prefix + name, { contentType, body, gzipped: await compress(body) });
  }
  return { prefix, files };
}

let assets: Promise<Assets> | undefined;
const graphiqlAssets = (): Promise<Assets> => {
  assets ??= loadAssets().catch((error) => {
    assets = undefined;
    throw error;
  });
  return assets;
};

/** The page, for Yoga's renderGraphiQL option: render-graphiql's, with its files served beside it. */
export async function renderGraphiQLPage(options: GraphiQLOptions): Promise<string> {
  const { prefix, files } = await graphiqlAssets();
  // JSON in a script element: "<" escaped, so that no value can end the element.
  const json = JSON.stringify(options).replace(/</g, "\\u003c");
  const icon = files.has(`${prefix}favicon.ico`) ? `\n<link rel="icon" href="${prefix}favicon.ico">` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(options.title ?? "GraphiQL")}</title>${icon}
<link rel="stylesheet" href="${prefix}graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>You need to enable JavaScript to run GraphiQL.</noscript>
<div id="root"></div>
<script id="graphiql-options" type="application/json">${json}</script>
<script src="${prefix}graphiql.js"></script>
</body>
</html>
`;
}

/**
 * Answers a request for one of GraphiQL's files. Resolves false when the path is not under
 * GRAPHIQL_ASSETS_PATH; a path there that names no file of this bundle (an older one's) gets 404.
 */
export async function serveGraphiQLAsset(
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  if (!path.startsWith(GRAPHIQL_ASSETS_PATH)) return false;
  const asset = request.method === "GET" || request.method === "HEAD" ? (await graphiqlAssets()).files.get(path) : null;
  if (!asset) {
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("Not found\n");
    return true;
  }
  const gzipped = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
  const body = gzipped ? asset.gzipped : asset.body;
  response.writeHead(200, {
    "content-type": asset.contentType,
    "content-length": body.length,
    // Behind the key or session like every page here; the path changes with the content.
    "cache-control": "private, max-age=31536000, immutable",
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
    ...(gzipped ? { "content-encoding": "gzip" } : {}),
  });
  response.end(request.method === "HEAD" ? undefined : body);
  return true;
}
