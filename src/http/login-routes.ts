/**
 * The browser's way in, after Jupyter's token flow: `GET /?token=KEY` (or the login form) trades a
 * key for an HttpOnly, SameSite=Strict session cookie and redirects to a URL without the key;
 * `/logout` ends the session. Nothing here keeps a key in the page.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthService } from "../services/auth/auth-service.js";
import { cookieValue } from "./credentials.js";

/** Where a browser lands after logging in: the web console (see http/console.ts). */
export const HOME_PATH = "/ui/";
export const LOGIN_PATH = "/login";
export const LOGOUT_PATH = "/logout";
const MAX_FORM_BYTES = 4096;

/**
 * Where to go after logging in: a console page the browser asked for before it had a session
 * (`/login?next=/ui/executions/ID`), else HOME_PATH. Only paths under /ui/ are taken, so the form
 * cannot be made to send a browser elsewhere.
 */
export function landingPath(next: string | null | undefined): string {
  return next && /^\/ui\/[^\\\s]*$/.test(next) ? next : HOME_PATH;
}

function redirect(response: ServerResponse, location: string, cookie?: string): void {
  response.writeHead(303, { location, "cache-control": "no-store", ...(cookie ? { "set-cookie": cookie } : {}) });
  response.end();
}

function sessionCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${encodeURIComponent(value)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}`;
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function loginPage(response: ServerResponse, status: number, error: string | null, next: string): void {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log in · mcp-docker-executor</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem;font:inherit}
.error{color:#b00020}@media (prefers-color-scheme:dark){body{background:#111;color:#eee}.error{color:#ff8a80}}</style></head>
<body><main><h1>mcp-docker-executor</h1>
<form method="post" action="${LOGIN_PATH}"><label for="token">API key</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
${next === HOME_PATH ? "" : `<input type="hidden" name="next" value="${escapeHtml(next)}">`}
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<button type="submit">Log in</button></form>
<p>The server wrote an admin key to <code>DATA_DIR/admin.key</code> on its first start.</p></main></body></html>`);
}

async function loginForm(request: IncomingMessage): Promise<{ token: string | null; next: string | null }> {
  let body = "";
  for await (const chunk of request) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) return { token: null, next: null };
  }
  const form = new URLSearchParams(body);
  return { token: form.get("token"), next: form.get("next") };
}

/**
 * Serves the login and logout routes, and `/` with or without `?token=`. Resolves true when it
 * answered the request, false when the request is not one of its routes.
 */
export async function handleLoginRoutes(
  auth: AuthService,
  cookieName: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const url = new URL(request.url ?? "/", "http://localhost");
  const logIn = async (token: string | null, next: string) => {
    const session = token ? await auth.startSession(token) : null;
    if (!session) return loginPage(response, 401, "UNAUTHENTICATED: that key is missing, wrong or revoked.", next);
    redirect(response, next, sessionCookie(cookieName, session.sessionId, session.maxAgeSeconds));
  };
  if (url.pathname === "/" && request.method === "GET") {
    if (url.searchParams.has("token")) await logIn(url.searchParams.get("token"), HOME_PATH);
    else if (!auth.enabled || (await auth.sessionActor(cookieValue(request.headers.cookie, cookieName)))) {
      redirect(response, HOME_PATH);
    } else redirect(response, LOGIN_PATH);
    return true;
  }
  if (url.pathname === LOGIN_PATH) {
    if (request.method === "POST") {
      const form = await loginForm(request);
      await logIn(form.token, landingPath(form.next));
    } else loginPage(response, 200, null, landingPath(url.searchParams.get("next")));
    return true;
  }
  if (url.pathname === LOGOUT_PATH && (request.method === "POST" || request.method === "GET")) {
    const session = cookieValue(request.headers.cookie, cookieName);
    if (session) await auth.endSession(session);
    redirect(response, LOGIN_PATH, sessionCookie(cookieName, "", 0));
    return true;
  }
  return false;
}
