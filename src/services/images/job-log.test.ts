import { describe, expect, it } from "vitest";
import type { LogLine } from "../../domain/image.js";
import { MAX_JOB_LOG_BYTES } from "../../domain/image.js";
import { createLogger } from "../../logger.js";
import { createLogNotifier } from "../lib/log-follower.js";
import { createJobLog } from "./job-log.js";

/** The store's log part, in memory. */
function memoryStore() {
  const lines: string[] = [];
  return {
    lines,
    appendLine: async (_jobId: string, line: string) => void lines.push(line),
    lastLineSeq: async () => lines.length,
    linesAfter: async (_jobId: string, after: number): Promise<LogLine[]> =>
      lines.slice(after).map((line, index) => ({
        seq: after + index + 1,
        at: new Date(0),
        line,
        final: false,
        status: null,
        error: null,
      })),
    fullLog: async () => lines.map((line) => `${line}\n`).join(""),
  };
}

describe("job log", () => {
  it("keeps at most MAX_JOB_LOG_BYTES of one job's output, then says it dropped the rest", async () => {
    const store = memoryStore();
    const log = createJobLog(store, createLogNotifier(), createLogger("error"));
    const write = log.writer("job");
    const line = "y".repeat(1023);
    for (let i = 0; i < (MAX_JOB_LOG_BYTES / 1024) * 2; i++) write(line);
    await log.flush("job");
    expect(store.lines).toHaveLength(MAX_JOB_LOG_BYTES / 1024 + 1);
    expect(store.lines.at(-1)).toMatch(/^\[log truncated/);
  });

  it("ends a followed log with one final line carrying the outcome, also on a replay from the end", async () => {
    const store = memoryStore();
    const log = createJobLog(store, createLogNotifier(), createLogger("error"));
    await log.append("job", "first");
    const outcome = { status: "FAILED" as const, error: "exit 1" };
    const all: LogLine[] = [];
    for await (const line of log.follow("job", 0, async () => outcome)) all.push(line);
    expect(all.map((line) => [line.seq, line.line, line.final, line.status])).toEqual([
      [1, "first", false, null],
      [2, "FAILED: exit 1", true, "FAILED"],
    ]);
    const again: LogLine[] = [];
    for await (const line of log.follow("job", 2, async () => outcome)) again.push(line);
    expect(again).toEqual([]);
  });
});
