/** The contract's scalars: DateTime (ISO-8601 with zone) and File (Yoga's multipart upload). */
import { GraphQLError, Kind } from "graphql";
import type { Builder } from "./builder.js";

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError("DateTime accepts an ISO-8601 string with a time zone.", {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return date;
}

export function scalarTypes(builder: Builder): void {
  builder.scalarType("DateTime", {
    description: "ISO-8601 string with time zone",
    serialize: (value) => value.toISOString(),
    parseValue: parseDateTime,
    parseLiteral: (node) => parseDateTime(node.kind === Kind.STRING ? node.value : undefined),
  });

  builder.scalarType("File", {
    description: "GraphQL multipart request upload, as graphql-yoga provides it",
    serialize: () => {
      throw new Error("File is an input-only scalar");
    },
    // Only a multipart upload is a file: a string sent in its place is the client's mistake, not a crash.
    parseValue: (value) => {
      const file = value as Partial<File> | null;
      if (typeof file?.arrayBuffer !== "function" || typeof file.size !== "number") {
        throw new GraphQLError("File takes a multipart upload; send text as content instead.", {
          extensions: { code: "BAD_USER_INPUT" },
        });
      }
      return value as File;
    },
  });
}
