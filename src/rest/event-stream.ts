/**
 * Server-sent events from an execution's GraphQL events: one `message` per event, its `id` the
 * event's seq (so a browser's EventSource resumes with Last-Event-ID by itself), its data the
 * event as JSON. The response ends after the last event; a client that leaves ends the
 * subscription (what that does to the run is the route's choice). Comments keep idle proxies
 * from closing the stream while a program is silent.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ExecutionResult } from "graphql";
import { RestError, restErrorOf } from "./rest-errors.js";

const HEARTBEAT_MS = 15_000;

/** The seq to resume after: the Last-Event-ID header, else the afterSeq query parameter, else 0. */
export function resumeAfter(request: IncomingMessage, query: URLSearchParams): number {
  const header = request.headers["last-event-id"];
  const given = typeof header === "string" && header.trim() !== "" ? header.trim() : query.get("afterSeq");
  if (given === null) return 0;
  if (!/^\d+$/.test(given) || !Number.isSafeInteger(Number(given))) {
    throw new RestError(
      "BAD_USER_INPUT",
      `Last-Event-ID (or afterSeq) must be an event's seq, a whole number; got ${given}.`,
    );
  }
  return Number(given);
}

/** Writes each result's event (the field named `field`) until the subscription ends or the client leaves. */
export async function writeEventStream(
  response: ServerResponse,
  results: AsyncGenerator<ExecutionResult, void, void>,
  field: string,
): Promise<void> {
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    // nginx would otherwise hold the events back in its buffer.
    "x-accel-buffering": "no",
  });
  response.flushHeaders();
  const heartbeat = setInterval(() => response.write(": keep-alive\n\n"), HEARTBEAT_MS);
  const leave = () => {
    results.return().catch(() => undefined);
  };
  response.once("close", leave);
  try {
    for await (const result of results) {
      if (response.destroyed) break;
      if (result.errors?.length) {
        const error = restErrorOf(result.errors[0] as NonNullable<ExecutionResult["errors"]>[number]);
        response.write(
          `event: error\ndata: ${JSON.stringify({ error: { code: error.code, message: error.message } })}\n\n`,
        );
        break;
      }
      const event = result.data?.[field] as { seq: number } | undefined;
      if (event) response.write(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`);
    }
  } finally {
    clearInterval(heartbeat);
    response.off("close", leave);
    response.end();
  }
}
