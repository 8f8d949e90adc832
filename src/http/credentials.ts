/**
 * Who an HTTP request or WebSocket acts as: a bearer key (programs), or the session cookie a
 * browser got at login. With AUTH=off every request is the local admin (the configuration only
 * allows that on a loopback address).
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Actor } from "../domain/principal.js";
import type { AuthService } from "../services/auth/auth-service.js";

/**
 * The session cookie's name, per port: browsers share a host's cookies across its ports, and two
 * servers on one machine must not overwrite each other's sessions.
 */
export function sessionCookieName(port: number): string {
  return `mde_session_${port}`;
}

/** The key of an `Authorization: Bearer KEY` value, or null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match ? (match[1] as string) : null;
}

/** One cookie's value from a Cookie header, or null. */
export function cookieValue(cookieHeader: string | null | undefined, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      // A malformed value (another site's cookie of the same name) is no session.
      return null;
    }
  }
  return null;
}

export interface Credentials {
  /** An Authorization header value (or graphql-ws connectionParams.authorization). */
  authorization?: string | null;
  cookie?: string | null;
  /** The name of this server's session cookie (see sessionCookieName). */
  cookieName: string;
}

/** The caller, or null when no valid key or session came with the request. */
export async function actorOf(auth: AuthService, credentials: Credentials): Promise<Actor | null> {
  if (!auth.enabled) return auth.localAdmin();
  const token = bearerToken(credentials.authorization);
  if (token) return auth.authenticate(token);
  return auth.sessionActor(cookieValue(credentials.cookie, credentials.cookieName));
}

export function credentialsOf(headers: IncomingHttpHeaders, cookieName: string): Credentials {
  return { authorization: headers.authorization, cookie: headers.cookie, cookieName };
}
