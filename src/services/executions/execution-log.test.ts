import { beforeEach, describe, expect, it } from "vitest";
import { storedExecution } from "../../../tests/fakes/executions.js";
import { useTempDatabase } from "../../../tests/fakes/temp-database.js";
import { EXECUTION_STATUSES, isFinalStatus } from "../../domain/execution.js";
import { createLogger } from "../../logger.js";
import { createExecutionStore, type ExecutionStore } from "../../store/execution-store.js";
import { createLogNotifier } from "../lib/log-follower.js";
import { canTransition, createExecutionLog, type ExecutionLog, statusOf } from "./execution-log.js";
import { createLiveExecutions, LiveExecution, type LiveExecutions } from "./live-execution.js";
import { OutputCollector } from "./output-collector.js";

describe("the execution state machine", () => {
  it("goes QUEUED → RUNNING → a final status, or QUEUED → a final status, and never leaves a final one", () => {
    const finals = EXECUTION_STATUSES.filter(isFinalStatus);
    expect(canTransition("QUEUED", "RUNNING")).toBe(true);
    for (const final of finals) {
      expect(canTransition("QUEUED", final)).toBe(true);
      expect(canTransition("RUNNING", final)).toBe(true);
      for (const to of EXECUTION_STATUSES) expect(canTransition(final, to)).toBe(false);
    }
    expect(canTransition("QUEUED", "QUEUED")).toBe(false);
    expect(canTransition("RUNNING", "RUNNING")).toBe(false);
    expect(canTransition("RUNNING", "QUEUED")).toBe(false);
  });

  it("maps a sandbox's outcome to a status; a run stopped by a shutdown ends ERROR", () => {
    const exited = (exitCode: number) => ({ outcome: "EXITED" as const, exitCode, usage: null });
    expect(statusOf(exited(0), undefined)).toBe("SUCCEEDED");
    expect(statusOf(exited(3), undefined)).toBe("FAILED");
    expect(statusOf({ outcome: "TIMED_OUT", exitCode: null, usage: null }, undefined)).toBe("TIMED_OUT");
    expect(statusOf({ outcome: "OOM_KILLED", exitCode: 137, usage: null }, undefined)).toBe("OOM_KILLED");
    expect(statusOf({ outcome: "CANCELLED", exitCode: null, usage: null }, "cancelled")).toBe("CANCELLED");
    expect(statusOf({ outcome: "CANCELLED", exitCode: null, usage: null }, "shutdown")).toBe("ERROR");
  });
});

describe("the execution log", () => {
  const temp = useTempDatabase("execution-log");
  let store: ExecutionStore;
  let live: LiveExecutions;
  let log: ExecutionLog;

  beforeEach(async () => {
    store = createExecutionStore(temp.database.db);
    live = createLiveExecutions();
    log = createExecutionLog({ store, notifier: createLogNotifier(), live, logger: createLogger("error") });
  });

  const seqs = async (id: string) => (await store.eventsAfter(id, 0)).map((event) => [event.seq, event.kind]);

  it("numbers a live execution's events 1, 2, 3 … and records each status change", async () => {
    const execution = storedExecution({ id: "live", status: "QUEUED", exitCode: null });
    live.add(new LiveExecution(execution, { workspace: [], argv: [], runtimeLine: "3" }));
    await log.open(execution);
    await log.transition(execution, "RUNNING", { startedAt: new Date() });
    log.output(execution.id, "STDOUT", "hi\n");
    const output = new OutputCollector(1024);
    output.add("STDOUT", Buffer.from("hi\n"));
    await log.finish(execution, "SUCCEEDED", output, { exitCode: 0, error: null });
    expect(await seqs("live")).toEqual([
      [1, "STATUS"],
      [2, "STATUS"],
      [3, "LOG"],
      [4, "STATUS"],
    ]);
    expect(await store.get("live")).toMatchObject({ status: "SUCCEEDED", exitCode: 0, stdout: "hi\n" });
    expect((await store.get("live"))?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("stores output that does not wait in seq order, all of it before the final status", async () => {
    const execution = storedExecution({ id: "burst", status: "QUEUED", exitCode: null });
    live.add(new LiveExecution(execution, { workspace: [], argv: [], runtimeLine: "3" }));
    // Nothing awaited until the end: every write is in flight at once, as a chatty program's are.
    const opened = log.open(execution);
    const running = log.transition(execution, "RUNNING", { startedAt: new Date() });
    for (let chunk = 0; chunk < 50; chunk++) log.output(execution.id, "STDOUT", `${chunk}\n`);
    const finished = log.finish(execution, "SUCCEEDED", new OutputCollector(1024), { exitCode: 0, error: null });
    await Promise.all([opened, running, finished]);
    const events = await store.eventsAfter("burst", 0);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 53 }, (_, index) => index + 1));
    expect(events.slice(2, 52).map((event) => (event.kind === "LOG" ? event.data : ""))).toEqual(
      Array.from({ length: 50 }, (_, chunk) => `${chunk}\n`),
    );
    expect(events.at(-1)).toMatchObject({ kind: "STATUS", status: "SUCCEEDED" });
  });

  it("goes on from the stored last seq for an execution that is not live here", async () => {
    const execution = storedExecution({ id: "left", status: "QUEUED" });
    live.add(new LiveExecution(execution, { workspace: [], argv: [], runtimeLine: "3" }));
    await log.open(execution);
    await log.transition(execution, "RUNNING");
    live.delete("left");
    await log.transition(execution, "ERROR", { error: "server restarted" });
    expect(await seqs("left")).toEqual([
      [1, "STATUS"],
      [2, "STATUS"],
      [3, "STATUS"],
    ]);
  });

  it("refuses a move the machine forbids, and records nothing for it", async () => {
    const execution = storedExecution({ id: "done", status: "QUEUED" });
    await log.open(execution);
    await log.transition(execution, "CANCELLED");
    await expect(log.transition(execution, "RUNNING")).rejects.toThrow("cannot go from CANCELLED to RUNNING");
    expect((await store.get("done"))?.status).toBe("CANCELLED");
    expect(await seqs("done")).toHaveLength(2);
  });
});
