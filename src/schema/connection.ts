/**
 * Cursor pagination shared by the contract's connections: PageInfo, opaque cursors that wrap a
 * position in a newest-first list, and the `first` argument's bounds.
 */
import type { ObjectRef } from "@pothos/core";
import { ServiceError } from "../domain/errors.js";
import type { ArgBuilder, Builder } from "./builder.js";

export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

type BuilderTypes = Builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

/** The `first` and `after` arguments of a connection field. */
export const pageArgs = (arg: ArgBuilder) => ({
  first: arg.int({ description: `How many items to return, from 1 to ${MAX_PAGE}. Default: ${DEFAULT_PAGE}.` }),
  after: arg.string({
    description:
      "Return the items after this cursor (an endCursor or edge cursor from an earlier page of the same list). Default: from the newest.",
  }),
});

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
export async function resolveConnection<T>(
  kind: string,
  args: { first?: number | null; after?: string | null },
  fetchPage: (query: { first: number; afterPosition: number | null }) => Promise<{
    items: { position: number; node: T }[];
    hasNextPage: boolean;
    totalCount: number;
  }>,
): Promise<Connection<T>> {
  const afterPosition = decodeCursor(kind, args.after);
  const page = await fetchPage({ first: pageSize(args.first), afterPosition });
  return toConnection(kind, page, afterPosition !== null);
}

/**
 * PageInfo, and a declarer of `<Name>Connection` and `<Name>Edge` for a node type (`items` names the
 * nodes in descriptions), on one builder.
 */
export function connectionTypes(builder: Builder) {
  const PageInfoRef = builder.objectRef<PageInfoShape>("PageInfo").implement({
    description: "Where a page sits in its newest-first list; pass endCursor as `after` to get the next page.",
    fields: (t) => ({
      hasNextPage: t.exposeBoolean("hasNextPage", { description: "True when older items follow this page." }),
      hasPreviousPage: t.exposeBoolean("hasPreviousPage", {
        description: "True when the page was asked for with `after`, so newer items come before it.",
      }),
      startCursor: t.exposeString("startCursor", {
        nullable: true,
        description: "The cursor of the page's first (newest) item; null when the page is empty.",
      }),
      endCursor: t.exposeString("endCursor", {
        nullable: true,
        description: "The cursor of the page's last (oldest) item, to pass as `after`; null when the page is empty.",
      }),
    }),
  });

  return function connectionOf<T>(
    name: string,
    nodeRef: ObjectRef<BuilderTypes, T>,
    items: { one: string; many: string },
  ) {
    const EdgeRef = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
      description: `One ${items.one} of a page, with its cursor.`,
      fields: (t) => ({
        cursor: t.exposeString("cursor", {
          description: `An opaque position in the list: pass it as \`after\` to get the ${items.many} after this one.`,
        }),
        // biome-ignore lint/suspicious/noExplicitAny: Pothos cannot relate a generic T to its resolver result type.
        node: t.field({ type: nodeRef, description: `The ${items.one}.`, resolve: (edge) => edge.node as any }),
      }),
    });
    return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
      description: `A page of ${items.many}, newest first.`,
      fields: (t) => ({
        edges: t.field({
          type: [EdgeRef],
          description: `The page's ${items.many}, newest first, each with its cursor.`,
          resolve: (connection) => connection.edges,
        }),
        pageInfo: t.field({
          type: PageInfoRef,
          description: "Whether more pages follow, and the cursors to get them.",
          resolve: (connection) => connection.pageInfo,
        }),
        totalCount: t.exposeInt("totalCount", {
          description: `How many ${items.many} match the arguments, over all pages.`,
        }),
      }),
    });
  };
}

export type ConnectionOf = ReturnType<typeof connectionTypes>;
