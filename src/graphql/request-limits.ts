/** What createYoga needs for the request limits: their plugins, the body rule in place of Yoga's cap, a bounded parse cache. */
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import type { YogaServerOptions } from "graphql-yoga";
import type { GraphQLLimits } from "../config.js";
import type { AppContext } from "../context.js";
import { bodyFetch, useBodyLimit } from "../http/body-limit.js";
import { useDocumentArmor } from "./document-armor.js";
import { useDocumentSizeLimit } from "./document-size.js";
import { useNoSideEffectsOverGet } from "./get-side-effects.js";
import { boundedParserCache } from "./parse-cache.js";
import { useRunLimit } from "./run-limit.js";

/** Parsed documents kept at most (weighed as in parse-cache.ts). */
const PARSE_CACHE_BYTES = 32 * 1024 * 1024;

export function requestLimits(limits: GraphQLLimits) {
  const plugins: NonNullable<YogaServerOptions<Record<string, unknown>, AppContext>["plugins"]> = [
    useBodyLimit(limits.maxBodyBytes),
    // A request a browser sends without a preflight (a GET, a form, a multipart POST) must carry
    // the x-graphql-yoga-csrf header, which only a same-origin page or a program can add.
    useCSRFPrevention(),
    useNoSideEffectsOverGet(),
    // Before Yoga's parse cache (which comes after every plugin given here).
    useDocumentSizeLimit(limits.maxDocumentBytes),
    useDocumentArmor(limits),
    useRunLimit(limits.maxRunsPerDocument),
  ];
  const { Request } = bodyFetch(limits.maxBodyBytes);
  return {
    plugins,
    fetchAPI: { Request },
    // useBodyLimit is the one body rule (see there).
    maxRequestBodySize: false as const,
    parserAndValidationCache: boundedParserCache(PARSE_CACHE_BYTES),
  };
}
