/**
 * DNS-rebinding and cross-site protection for every HTTP entry (GraphQL, its WebSocket, MCP), as
 * the MCP SDK recommends for local servers: when the server is bound to specific addresses, the
 * Host header must name one of them; a browser's Origin header (when sent) must be the server's
 * own origin. Programs that send no Origin (the CLI, MCP clients, curl) pass.
 */
export interface RequestHeaders {
  host?: string;
  origin?: string;
}

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
