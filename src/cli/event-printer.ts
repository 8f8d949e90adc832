/**
 * Prints an execution's event stream as it arrives: output chunks to stdout and stderr as the
 * program wrote them (or JSON lines), and a note on stderr when it did not simply exit.
 */
import type { Output } from "./output.js";

/** Selection of ExecutionEvent that the printer needs. */
export const EVENT_FIELDS = `__typename executionId seq at
  ... on LogChunk { stream data }
  ... on StatusChange { status execution { id status exitCode error outputTruncated durationMs } }`;

export interface PrintedEvent {
  __typename: "LogChunk" | "StatusChange";
  executionId: string;
  seq: number;
  stream?: "STDOUT" | "STDERR";
  data?: string;
  status?: string;
  execution?: { id: string; status: string; exitCode: number | null; error: string | null; outputTruncated: boolean };
}

export interface FinishedExecution {
  status: string;
  exitCode: number | null;
}

export function createEventPrinter(output: Output, options: { logsOnly?: boolean } = {}) {
  let finished: FinishedExecution | null = null;
  return {
    get finished() {
      return finished;
    },
    print(event: PrintedEvent): void {
      if (
        event.__typename === "StatusChange" &&
        event.execution &&
        !["QUEUED", "RUNNING"].includes(event.status ?? "")
      ) {
        finished = event.execution;
      }
      if (options.logsOnly && event.__typename !== "LogChunk") return;
      output.item(event, () => {
        if (event.__typename === "LogChunk") {
          (event.stream === "STDERR" ? process.stderr : process.stdout).write(event.data ?? "");
          return null;
        }
        const execution = event.execution;
        if (!execution || ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"].includes(execution.status)) return null;
        process.stderr.write(`[${execution.status}${execution.error ? `: ${execution.error}` : ""}]\n`);
        return null;
      });
      if (event.__typename === "StatusChange" && event.execution?.outputTruncated && !output.json && finished) {
        process.stderr.write("[output truncated at the output limit]\n");
      }
    },
  };
}
