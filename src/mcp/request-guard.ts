/**
 * DNS-rebinding protection for the local MCP endpoint, as the MCP SDK recommends for servers on
 * localhost: the Host header must name this server, and a browser's Origin header (when sent)
 * must be one of its own addresses. Anything else is refused before the protocol sees it.
 */
export interface RequestHeaders {
  host?: string;
  origin?: string;
}

/** The host:port forms under which this server may legitimately be addressed. */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = new Set(["localhost", "127.0.0.1", "[::1]"]);
  if (!["0.0.0.0", "::"].includes(bindHost)) names.add(bindHost.includes(":") ? `[${bindHost}]` : bindHost);
  return new Set([...names].map((name) => `${name}:${port}`));
}

/** Null when the request may pass; otherwise why it may not. */
export function refusalOf(headers: RequestHeaders, hosts: Set<string>): string | null {
  if (!headers.host || !hosts.has(headers.host.toLowerCase()))
    return `Host ${headers.host ?? "(none)"} is not this server`;
  if (headers.origin !== undefined) {
    let origin: URL;
    try {
      origin = new URL(headers.origin);
    } catch {
      return `Origin ${headers.origin} is not a URL`;
    }
    if (!["http:", "https:"].includes(origin.protocol) || !hosts.has(origin.host.toLowerCase())) {
      return `Origin ${headers.origin} is not allowed`;
    }
  }
  return null;
}
