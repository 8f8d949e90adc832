/**
 * Yoga's parse and validation caches, bounded in size as well as in count: Yoga's own hold 1024
 * documents of any size for an hour, keyed by the whole query string. Entries are weighed by
 * their text; a validation result lives as long as its parsed document (Yoga keys it weakly).
 */
import type { DocumentNode } from "graphql";
import { LRUCache } from "lru-cache";

const MAX_DOCUMENTS = 1024;
/** The parsed tree weighs about as much as its text again. */
const WEIGHT_PER_CHARACTER = 2;
const HOUR_MS = 3_600_000;

function boundedCache<V extends object>(maxBytes: number) {
  return new LRUCache<string, V>({
    max: MAX_DOCUMENTS,
    maxSize: maxBytes,
    sizeCalculation: (_value, key) => Math.max(1, key.length * WEIGHT_PER_CHARACTER),
    ttl: HOUR_MS,
  });
}

/** Yoga's `parserAndValidationCache` option, holding at most about `maxBytes` of documents. */
export function boundedParserCache(maxBytes: number) {
  return { documentCache: boundedCache<DocumentNode>(maxBytes), errorCache: boundedCache<Error>(maxBytes) };
}
