/**
 * Follows one execution's event log (executionEvents): replays it from the start, then follows it
 * live until the final status. Output is turned into HTML as it arrives (ANSI colours by ansi_up,
 * one converter per stream, since an escape sequence may span chunks).
 */
import { AnsiUp } from "ansi_up";
import { useEffect, useState } from "preact/hooks";
import { type ApiError, followStream } from "./graphql";
import type { ResourceUsage } from "./usage-panel";

export type OutputStream = "STDOUT" | "STDERR";

export interface Chunk {
  seq: number;
  stream: OutputStream;
  /** The chunk as HTML: text escaped, ANSI colours as spans. */
  html: string;
}

export interface ExecutionResult {
  id: string;
  status: string;
  exitCode: number | null;
  durationMs: number | null;
  outputTruncated: boolean;
  error: string | null;
  usage: ResourceUsage | null;
}

export interface ExecutionStreamState {
  /** The execution followed (null: none yet). */
  id: string | null;
  chunks: Chunk[];
  /** The latest status event's status (null before the first). */
  status: string | null;
  /** The execution as the final status event carried it; null until then. */
  result: ExecutionResult | null;
  error: ApiError | null;
  /** The stream completed (the execution ended). */
  done: boolean;
}

export const FINAL_STATUSES = new Set(["SUCCEEDED", "FAILED", "TIMED_OUT", "OOM_KILLED", "CANCELLED", "ERROR"]);

const EVENTS = `subscription Follow($id: ID!, $afterSeq: Int) {
  executionEvents(id: $id, afterSeq: $afterSeq) {
    __typename
    seq
    ... on LogChunk { stream data }
    ... on StatusChange {
      status
      execution {
        id status exitCode durationMs outputTruncated error
        usage { peakMemoryBytes cpuTimeMs wallTimeMs maxPids blockReadBytes blockWriteBytes }
      }
    }
  }
}`;

type ExecutionEvent =
  | { __typename: "LogChunk"; seq: number; stream: OutputStream; data: string }
  | { __typename: "StatusChange"; seq: number; status: string; execution: ExecutionResult };

const EMPTY: ExecutionStreamState = { id: null, chunks: [], status: null, result: null, error: null, done: false };

function ansiConverter(): AnsiUp {
  const converter = new AnsiUp();
  converter.use_classes = true;
  return converter;
}

/** The events of execution `id` (null: none yet), as state that grows while they arrive. */
export function useExecutionStream(id: string | null): ExecutionStreamState {
  const [state, setState] = useState<ExecutionStreamState>(EMPTY);
  useEffect(() => {
    setState({ ...EMPTY, id });
    if (!id) return;
    const converters = { STDOUT: ansiConverter(), STDERR: ansiConverter() };
    return followStream<ExecutionEvent>(EVENTS, "executionEvents", { id }, 0, {
      onItem(event) {
        if (event.__typename === "LogChunk") {
          const chunk = {
            seq: event.seq,
            stream: event.stream,
            html: converters[event.stream].ansi_to_html(event.data),
          };
          setState((previous) => ({ ...previous, chunks: [...previous.chunks, chunk] }));
        } else {
          // The attached execution is as it is now, not as it was: only a final event's is the result.
          const final = FINAL_STATUSES.has(event.status);
          setState((previous) => ({
            ...previous,
            status: event.status,
            result: final ? event.execution : previous.result,
          }));
        }
      },
      onError: (error) => setState((previous) => ({ ...previous, error })),
      onComplete: () => setState((previous) => ({ ...previous, done: true })),
    });
  }, [id]);
  return state;
}
