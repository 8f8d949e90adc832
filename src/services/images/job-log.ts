/**
 * The log of a build or a package installation: lines appended while the job runs, followed live
 * from any seq, and closed by a final line that carries the job's outcome. The final line is not
 * stored: it is made from the job's record when a follower reaches the end, with the next seq, so
 * it reads the same for every follower and on every replay, and a job recorded before this
 * existed (or the default image, built outside the catalog) ends its log the same way.
 */
import { Repeater } from "@repeaterjs/repeater";
import { type JobOutcome, type LogLine, MAX_JOB_LOG_BYTES } from "../../domain/image.js";
import type { ImageStore } from "../../store/image-store.js";
import { followLog, type LogNotifier } from "../lib/log-follower.js";

/** How a followed job reads its own state: null while it runs, its outcome once it has ended. */
export type OutcomeReader = () => JobOutcome | null;

export interface JobLog {
  append(jobId: string, line: string): void;
  /** An appender for one job that stops at MAX_JOB_LOG_BYTES: a package's install script can print anything. */
  writer(jobId: string): (line: string) => void;
  /** Wakes the job's followers (its state changed). */
  touch(jobId: string): void;
  /** The stored lines as text, one per line. */
  text(jobId: string): string;
  /** The lines after `afterSeq`, then live ones, then the final line; completes after it. */
  follow(jobId: string, afterSeq: number, outcome: OutcomeReader): Repeater<LogLine>;
}

export function createJobLog(
  store: Pick<ImageStore, "appendLine" | "linesAfter" | "lastLineSeq" | "fullLog">,
  notifier: LogNotifier,
): JobLog {
  const append = (jobId: string, line: string) => {
    store.appendLine(jobId, line);
    notifier.notify(jobId);
  };
  return {
    append,
    writer(jobId) {
      let bytes = 0;
      return (line) => {
        if (bytes > MAX_JOB_LOG_BYTES) return;
        bytes += Buffer.byteLength(line) + 1;
        if (bytes <= MAX_JOB_LOG_BYTES) append(jobId, line);
        else append(jobId, `[log truncated: more than ${MAX_JOB_LOG_BYTES} bytes; the rest is dropped]`);
      };
    },
    touch: (jobId) => notifier.notify(jobId),
    text: (jobId) => store.fullLog(jobId),
    follow(jobId, afterSeq, outcome) {
      const lines = followLog<LogLine>(
        notifier,
        { id: jobId, read: (after) => store.linesAfter(jobId, after), ended: () => outcome() !== null },
        afterSeq,
      );
      return new Repeater<LogLine>(async (push, stop) => {
        stop.then(() => lines.return());
        for await (const line of lines) await push(line);
        const ended = outcome();
        const seq = store.lastLineSeq(jobId) + 1;
        if (ended && seq > afterSeq) await push(finalLine(seq, ended));
        stop();
      });
    },
  };
}

function finalLine(seq: number, { status, error }: JobOutcome): LogLine {
  return { seq, at: new Date(), line: error ? `${status}: ${error}` : status, final: true, status, error };
}
