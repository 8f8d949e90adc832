/**
 * The answer to a request without a valid key: a browser asking for a page is sent to the login
 * form (which returns it to the console page it asked for); a program gets 401 with a GraphQL
 * error carrying UNAUTHENTICATED.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CONSOLE_PATH } from "./console.js";
import { LOGIN_PATH } from "./login-routes.js";

export const UNAUTHENTICATED_MESSAGE =
  "UNAUTHENTICATED: send an API key as Authorization: Bearer KEY (the server wrote an admin key to DATA_DIR/admin.key), or log in at /login.";

export function refuseUnauthenticated(request: IncomingMessage, response: ServerResponse): void {
  if (request.method === "GET" && (request.headers.accept ?? "").includes("text/html")) {
    const asked = request.url ?? "/";
    const location = asked.startsWith(CONSOLE_PATH) ? `${LOGIN_PATH}?next=${encodeURIComponent(asked)}` : LOGIN_PATH;
    response.writeHead(303, { location, "cache-control": "no-store" });
    response.end();
    return;
  }
  response.writeHead(401, { "content-type": "application/json", "www-authenticate": "Bearer" });
  response.end(
    JSON.stringify({ errors: [{ message: UNAUTHENTICATED_MESSAGE, extensions: { code: "UNAUTHENTICATED" } }] }),
  );
}
