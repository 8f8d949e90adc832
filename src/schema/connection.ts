/**
 * Cursor pagination shared by the contract's connections: PageInfo, opaque cursors that wrap a
 * position in a newest-first list, and the `first` argument's bounds.
 */
import type { ObjectRef } from "@pothos/core";
import { ServiceError } from "../domain/errors.js";
import { builder } from "./builder.js";

export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export const PageInfoRef = builder.objectRef<PageInfoShape>("PageInfo").implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean("hasNextPage"),
    hasPreviousPage: t.exposeBoolean("hasPreviousPage"),
    startCursor: t.exposeString("startCursor", { nullable: true }),
    endCursor: t.exposeString("endCursor", { nullable: true }),
  }),
});

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

function encodeCursor(kind: string, position: number): string {
  return Buffer.from(`${kind}:${position}`).toString("base64url");
}

/** The position an `after` cursor names, or null without one. */
function decodeCursor(kind: string, cursor: string | null | undefined): number | null {
  if (cursor === null || cursor === undefined) return null;
  const match = new RegExp(`^${kind}:(\\d+)$`).exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw new ServiceError("BAD_USER_INPUT", `after must be a cursor from an earlier ${kind} page.`);
  return Number(match[1]);
}

function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw new ServiceError("BAD_USER_INPUT", `first must be a whole number from 1 to ${MAX_PAGE}; got ${first}.`);
  }
  return first;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfoShape;
  totalCount: number;
}

/** Builds a connection from a page of items with their positions. */
function toConnection<T>(
  kind: string,
  page: { items: { position: number; node: T }[]; hasNextPage: boolean; totalCount: number },
  hasPreviousPage: boolean,
): Connection<T> {
  const edges = page.items.map((item) => ({ cursor: encodeCursor(kind, item.position), node: item.node }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Resolves a connection field: reads `first` and `after`, fetches the page, wraps it in edges. */
export function resolveConnection<T>(
  kind: string,
  args: { first?: number | null; after?: string | null },
  fetchPage: (query: { first: number; afterPosition: number | null }) => {
    items: { position: number; node: T }[];
    hasNextPage: boolean;
    totalCount: number;
  },
): Connection<T> {
  const afterPosition = decodeCursor(kind, args.after);
  return toConnection(kind, fetchPage({ first: pageSize(args.first), afterPosition }), afterPosition !== null);
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type. */
export function connectionTypes<T>(name: string, nodeRef: ObjectRef<BuilderTypes, T>) {
  const EdgeRef = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString("cursor"),
      // biome-ignore lint/suspicious/noExplicitAny: Pothos cannot relate a generic T to its resolver result type.
      node: t.field({ type: nodeRef, resolve: (edge) => edge.node as any }),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [EdgeRef], resolve: (connection) => connection.edges }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (connection) => connection.pageInfo }),
      totalCount: t.exposeInt("totalCount"),
    }),
  });
}
