/**
 * GraphiQL with no internet: Yoga's default page loads GraphiQL from a CDN and stays blank offline.
 * This one is @graphql-yoga/render-graphiql's bundle (GraphiQL, Monaco's workers, the CSS and
 * favicon), served by this server as files under GRAPHIQL_ASSETS_PATH, beside a small page that
 * loads them. The files' path carries a hash of their content, so a browser keeps them until they
 * change; the page's Content-Security-Policy lets it reach this origin only.
 *
 * The bundle's module is read at start (see static-files.ts) and evaluated from memory at the first
 * GraphiQL request: about 9 MB of string literals, which take 0.2–0.3 s to parse, a cost that a
 * server nobody opens GraphiQL on should not pay at every start.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { GraphiQLOptions } from "graphql-yoga";
import { sameOriginPolicy } from "./content-security.js";
import { escapeHtml } from "./login-routes.js";
import {
  answerNoSuchFile,
  answerPageUnavailable,
  REINSTALL_REMEDY,
  StaticFile,
  sendStaticFile,
} from "./static-files.js";

export const GRAPHIQL_ASSETS_PATH = "/graphiql/";

/** The bundle's module inside render-graphiql's package folder (GRAPHIQL_DIR). */
const BUNDLE_MODULE = join("esm", "graphiql.js");

/** Only this origin; Monaco's workers come from it too. */
const CONTENT_SECURITY_POLICY = sameOriginPolicy(["worker-src 'self'"]);

/** What render-graphiql's bundle module exports. */
interface BundleModule {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
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

/** The bundle's files by their URL path, from the module's text held in memory. */
async function filesOf(moduleText: Buffer, prefix: string): Promise<Map<string, StaticFile>> {
  const bundle = (await import(`data:text/javascript;base64,${moduleText.toString("base64")}`)) as BundleModule;
  const named: [string, StaticFile][] = [
    ["graphiql.js", new StaticFile(JAVASCRIPT, Buffer.from(PRELUDE + bundle.js + START))],
    ["graphiql.css", new StaticFile("text/css; charset=utf-8", Buffer.from(bundle.css))],
    ["editor.worker.js", new StaticFile(JAVASCRIPT, Buffer.from(bundle.editorWorkerService))],
    ["json.worker.js", new StaticFile(JAVASCRIPT, Buffer.from(bundle.jsonWorker))],
    ["graphql.worker.js", new StaticFile(JAVASCRIPT, Buffer.from(bundle.graphqlWorker))],
  ];
  const favicon = /^data:([^;,]+);base64,(.*)$/s.exec(bundle.favicon);
  if (favicon)
    named.push(["favicon.ico", new StaticFile(favicon[1] as string, Buffer.from(favicon[2] as string, "base64"))]);
  return new Map(named.map(([name, file]) => [prefix + name, file]));
}

/** GraphiQL's page and files, from the bundle read at start. */
export interface GraphiQLFiles {
  /** The page, for Yoga's renderGraphiQL option. */
  renderPage(options: GraphiQLOptions): Promise<string>;
  /** Answers a request for one of the bundle's files; false when the path is not under GRAPHIQL_ASSETS_PATH. */
  serveAsset(path: string, request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}

/** Reads the bundle from render-graphiql's package folder; rejects when it cannot be read. */
export async function readGraphiQLFiles(packageDir: string): Promise<GraphiQLFiles> {
  const moduleText = await readFile(join(packageDir, BUNDLE_MODULE));
  const prefix = `${GRAPHIQL_ASSETS_PATH}${createHash("sha256").update(PRELUDE).update(moduleText).update(START).digest("hex").slice(0, 16)}/`;
  let files: Promise<Map<string, StaticFile>> | undefined;
  const bundleFiles = () => {
    files ??= filesOf(moduleText, prefix);
    return files;
  };
  return {
    async renderPage(options) {
      // Evaluated with the page, so that its files are ready when the browser asks for them.
      await bundleFiles();
      // JSON in a script element: "<" escaped, so that no value can end the element.
      const json = JSON.stringify(options).replace(/</g, "\\u003c");
      return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(options.title ?? "GraphiQL")}</title>
<link rel="icon" href="${prefix}favicon.ico">
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
    },
    async serveAsset(path, request, response) {
      if (!path.startsWith(GRAPHIQL_ASSETS_PATH)) return false;
      const asset = request.method === "GET" || request.method === "HEAD" ? (await bundleFiles()).get(path) : undefined;
      if (!asset) answerNoSuchFile(response);
      // Behind the key or session like every page here; the path changes with the content.
      else await sendStaticFile(request, response, asset, { "cache-control": "private, max-age=31536000, immutable" });
      return true;
    },
  };
}

/** True for a request Yoga answers with GraphiQL's page (a browser's GET of the endpoint), as Yoga tells it. */
export function asksForGraphiQL(request: IncomingMessage): boolean {
  return request.method === "GET" && String(request.headers.accept ?? "").includes("text/html");
}

/** GraphiQL on a server whose bundle could not be read at start: its page and files answer 503. */
export function answerGraphiQLUnavailable(response: ServerResponse): void {
  answerPageUnavailable(response, "GraphiQL", REINSTALL_REMEDY);
}
