/**
 * The Content-Security-Policy of the server's own pages (GraphiQL, the REST API's docs): they may
 * reach this origin only (CSP's 'self' covers ws: to the same host and port), with no inline
 * script. Styles may be inline: both set style attributes at run time.
 */
export function sameOriginPolicy(extra: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    ...extra,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}
