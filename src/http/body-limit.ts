/** One body-size rule for every request body (GraphQL and REST, JSON or multipart), with an answer that names it. */
import { createFetch } from "@whatwg-node/fetch";
import type { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { BODY_RULE } from "../config.js";
import { refusal } from "../graphql-errors.js";

/**
 * The refusal. Refused by its Content-Length, a body is left unread and Node discards it, so the
 * connection can carry the next request; refused halfway through reading, it cannot: it is closed.
 */
export function tooLarge(maxBytes: number, size: string, halfRead = false): GraphQLError {
  return refusal(
    "LIMIT_EXCEEDED",
    `The request body is ${size}; this server accepts at most ${maxBytes} bytes (${BODY_RULE.text}). ` +
      "Raise FILES_MAX_BYTES to store larger files.",
    halfRead ? { status: 413, headers: { connection: "close" } } : { status: 413 },
  );
}

/**
 * Refuses a body over `maxBytes`: at once by its Content-Length, before anything is read, and
 * while it streams when it has none (chunked), whichever parser (JSON, multipart) reads it. It
 * replaces Yoga's own cap (`maxRequestBodySize`, 25 MB by default), which would answer first with
 * its own message: createYoga is given `maxRequestBodySize: false`.
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get("content-length");
      if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
        throw tooLarge(maxBytes, `${declared} bytes`);
      }
      if (!requestParser || !request.body) return;
      setRequestParser(async (original) => {
        let read = 0;
        let exceeded = false;
        // Yoga's own limiter does the same: a native body needs the native TransformStream.
        const Transform =
          original.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        const counted = original.body?.pipeThrough(
          new Transform({
            transform(chunk: Uint8Array, controller) {
              read += chunk.byteLength;
              if (read > maxBytes) {
                exceeded = true;
                controller.error(tooLarge(maxBytes, `over ${maxBytes} bytes`, true));
                return;
              }
              controller.enqueue(chunk);
            },
          }),
        );
        const limited = new fetchAPI.Request(original.url, {
          method: original.method,
          headers: original.headers,
          signal: original.signal,
          body: counted ?? null,
          // @ts-expect-error Node's fetch needs duplex for a streamed body; the DOM types lack it.
          duplex: "half",
        });
        try {
          return await requestParser(limited);
        } catch (error) {
          // The multipart parser wraps a stream error in its own; the limit is the reason.
          if (exceeded) throw tooLarge(maxBytes, `over ${maxBytes} bytes`, true);
          throw error;
        }
      });
    },
  };
}

/**
 * The fetch API whose multipart parser reads bodies under this rule: a part may be as large as the
 * body, since busboy's own 1 MB cap on a field (GraphQL's `operations` JSON, which may carry
 * `content`) would refuse what a JSON body may carry.
 */
export function bodyFetch(maxBytes: number) {
  return createFetch({ formDataLimits: { fieldSize: maxBytes, fileSize: maxBytes } });
}
