/**
 * DNS-rebinding and cross-site protection for every HTTP entry (GraphQL, its WebSocket, MCP), as
 * the MCP SDK recommends for local servers: when the server is bound to specific addresses, the
 * Host header must name one of them; a browser's Origin header (when sent) must be the server's
 * own origin. Programs that send no Origin (the CLI, MCP clients, curl) pass. A browser's
 * Sec-Fetch-Site tells a request made by another site's page even where it sends no Origin (a
 * GET from an <img>): cross-site and same-site (another port of localhost is the same site) are
 * refused; same-origin and none (the user typed the address) pass.
 */
export interface RequestHeaders {
  host?: string;
  origin?: string;
  /** The Sec-Fetch-Site header a browser sends with every request. */
  secFetchSite?: string | string[];
}

const FOREIGN_SITES = new Set(["cross-site", "same-site"]);

/** The host:port forms under which this server may be addressed; null when bound to every address. */
export function allowedHosts(bindHost: string, port: number): Set<string> | null {
  if (["0.0.0.0", "::", ""].includes(bindHost)) return null;
  const names = new Set(["localhost", "127.0.0.1", "[::1]"]);
  names.add(bindHost.includes(":") ? `[${bindHost}]` : bindHost);
  return new Set([...names].map((name) => `${name}:${port}`));
}

/** Null when the request may pass; otherwise why it may not. */
export function refusalOf(headers: RequestHeaders, hosts: Set<string> | null): string | null {
  const host = headers.host?.toLowerCase();
  if (!host) return "the request names no Host";
  if (hosts && !hosts.has(host)) return `Host ${headers.host} is not this server`;
  const site = [headers.secFetchSite ?? []].flat().find((value) => FOREIGN_SITES.has(value.toLowerCase()));
  if (site !== undefined) return `Sec-Fetch-Site ${site}: the request comes from another site's page`;
  if (headers.origin !== undefined) {
    let origin: URL;
    try {
      origin = new URL(headers.origin);
    } catch {
      return `Origin ${headers.origin} is not a URL`;
    }
    const sameSite = origin.host.toLowerCase() === host || hosts?.has(origin.host.toLowerCase());
    if (!["http:", "https:"].includes(origin.protocol) || !sameSite) return `Origin ${headers.origin} is not allowed`;
  }
  return null;
}
