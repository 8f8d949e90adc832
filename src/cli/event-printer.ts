/**
 * Prints an execution's event stream as it arrives: output chunks to stdout and stderr as the
 * program wrote them (or JSON lines), and a note on stderr when it did not simply exit.
 */
import { isFinalStatus } from "../domain/execution.js";
import { describeUsage } from "../domain/usage.js";
import { graphql, type ResultOf } from "./graphql.js";
import type { Output } from "./output.js";

/** Selection of ExecutionEvent that the printer needs; every execution stream spreads it. */
export const PrintedEventFields = graphql(`
  fragment PrintedEvent on ExecutionEvent {
    __typename
    executionId
    seq
    at
    ... on LogChunk {
      stream
      data
    }
    ... on StatusChange {
      status
      execution {
        id
        status
        exitCode
        error
        outputTruncated
        durationMs
        usage {
          peakMemoryBytes
          cpuTimeMs
          wallTimeMs
          maxPids
          blockReadBytes
          blockWriteBytes
        }
      }
    }
  }
`);

export type PrintedEvent = ResultOf<typeof PrintedEventFields>;
type FinishedExecution = Extract<PrintedEvent, { __typename: "StatusChange" }>["execution"];

export function createEventPrinter(output: Output, options: { logsOnly?: boolean; stats?: boolean } = {}) {
  let finished: FinishedExecution | null = null;
  return {
    get finished() {
      return finished;
    },
    print(event: PrintedEvent): void {
      if (event.__typename === "StatusChange" && isFinalStatus(event.status)) finished = event.execution;
      if (options.logsOnly && event.__typename !== "LogChunk") return;
      output.item(event, () => {
        if (event.__typename === "LogChunk") {
          (event.stream === "STDERR" ? process.stderr : process.stdout).write(event.data);
          return null;
        }
        const { execution } = event;
        // A program's own exit (SUCCEEDED or FAILED) speaks for itself; anything else gets a note.
        if (!isFinalStatus(execution.status) || ["SUCCEEDED", "FAILED"].includes(execution.status)) return null;
        process.stderr.write(`[${execution.status}${execution.error ? `: ${execution.error}` : ""}]\n`);
        return null;
      });
      if (event.__typename === "StatusChange" && event.execution.outputTruncated && !output.json && finished) {
        process.stderr.write("[output truncated at the output limit]\n");
      }
      if (options.stats && !output.json && finished?.usage && event.__typename === "StatusChange") {
        process.stderr.write(`[usage: ${describeUsage(finished.usage)}]\n`);
      }
    },
  };
}
