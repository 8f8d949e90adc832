/**
 * The log of a build or a package installation: lines appended while the job runs, followed live
 * from any seq, and closed by a final line that carries the job's outcome. The final line is not
 * stored: it is made from the job's record when a follower reaches the end, with the next seq, so
 * it reads the same for every follower and on every replay, and a job recorded before this
 * existed (or the default image, built outside the catalog) ends its log the same way.
 *
 * A job's lines are stored one at a time in the order they came (the store is asynchronous, and a
 * build's output does not wait for it); the job records its outcome only after flush(), so a
 * follower that sees the outcome has every line before it.
 */
import { Repeater } from "@repeaterjs/repeater";
import { type JobOutcome, type LogLine, MAX_JOB_LOG_BYTES } from "../../domain/image.js";
import type { Logger } from "../../logger.js";
import type { ImageStore } from "../../store/image-store.js";
import { createKeyedQueue } from "../lib/keyed-queue.js";
import { followLog, type LogNotifier } from "../lib/log-follower.js";

/** How a followed job reads its own state: null while it runs, its outcome once it has ended. */
export type OutcomeReader = () => Promise<JobOutcome | null>;

export interface JobLog {
  /** Appends a line; resolves once it is stored. */
  append(jobId: string, line: string): Promise<void>;
  /**
   * An appender for one job, for output that cannot wait (a failed write is logged): it stops at
   * MAX_JOB_LOG_BYTES, since a package's install script can print anything.
   */
  writer(jobId: string): (line: string) => void;
  /** Resolves once every line appended so far is stored: before the job records its outcome. */
  flush(jobId: string): Promise<void>;
  /** Wakes the job's followers (its state changed). */
  touch(jobId: string): void;
  /** The stored lines as text, one per line, with every line appended so far. */
  text(jobId: string): Promise<string>;
  /** The lines after `afterSeq`, then live ones, then the final line; completes after it. */
  follow(jobId: string, afterSeq: number, outcome: OutcomeReader): Repeater<LogLine>;
}

export function createJobLog(
  store: Pick<ImageStore, "appendLine" | "linesAfter" | "lastLineSeq" | "fullLog">,
  notifier: LogNotifier,
  logger: Logger,
): JobLog {
  const writes = createKeyedQueue();
  const append = async (jobId: string, line: string) => {
    await writes.enqueue(jobId, () => store.appendLine(jobId, line));
    notifier.notify(jobId);
  };
  const flush = (jobId: string) => writes.settled(jobId);
  return {
    append,
    writer(jobId) {
      let bytes = 0;
      const write = (line: string) =>
        append(jobId, line).catch((error: unknown) =>
          logger.warn("could not store a line of a job's log", { jobId, error: String(error) }),
        );
      return (line) => {
        if (bytes > MAX_JOB_LOG_BYTES) return;
        bytes += Buffer.byteLength(line) + 1;
        if (bytes <= MAX_JOB_LOG_BYTES) void write(line);
        else void write(`[log truncated: more than ${MAX_JOB_LOG_BYTES} bytes; the rest is dropped]`);
      };
    },
    flush,
    touch: (jobId) => notifier.notify(jobId),
    async text(jobId) {
      await flush(jobId);
      return store.fullLog(jobId);
    },
    follow(jobId, afterSeq, outcome) {
      const lines = followLog<LogLine>(
        notifier,
        { id: jobId, read: (after) => store.linesAfter(jobId, after), ended: async () => (await outcome()) !== null },
        afterSeq,
      );
      return new Repeater<LogLine>(async (push, stop) => {
        stop.then(() => lines.return());
        for await (const line of lines) await push(line);
        const ended = await outcome();
        const seq = (await store.lastLineSeq(jobId)) + 1;
        if (ended && seq > afterSeq) await push(finalLine(seq, ended));
        stop();
      });
    },
  };
}

function finalLine(seq: number, { status, error }: JobOutcome): LogLine {
  return { seq, at: new Date(), line: error ? `${status}: ${error}` : status, final: true, status, error };
}
