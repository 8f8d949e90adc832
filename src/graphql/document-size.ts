/**
 * A cap on the query string, checked before it is parsed: parsing a huge document blocks the
 * event loop, and Yoga's parse cache keys on the whole string, so an oversized one must never
 * reach either. It is an envelop parse hook placed before the cache's, so HTTP and graphql-ws share it.
 */
import type { Plugin } from "graphql-yoga";
import { refusal } from "../graphql-errors.js";

/** Null when the document may be parsed; otherwise the refusal. */
export function documentSizeRefusal(source: string, maxBytes: number) {
  const refused = (size: string) =>
    refusal(
      "LIMIT_EXCEEDED",
      `The GraphQL document is ${size} bytes; this server accepts at most ${maxBytes} (GRAPHQL_MAX_DOCUMENT_BYTES). Send large values as variables.`,
    );
  // A UTF-16 unit is at least one UTF-8 byte: a long string is refused without counting its bytes.
  if (source.length > maxBytes) return refused(`at least ${source.length}`);
  const bytes = Buffer.byteLength(source);
  return bytes > maxBytes ? refused(String(bytes)) : null;
}

export function useDocumentSizeLimit(maxBytes: number): Plugin {
  return {
    onParse({ params }) {
      const source = typeof params.source === "string" ? params.source : params.source.body;
      const refused = documentSizeRefusal(source, maxBytes);
      if (refused) throw refused;
    },
  };
}
