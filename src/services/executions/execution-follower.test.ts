import { describe, expect, it } from "vitest";
import { storedExecution } from "../../../tests/fakes/executions.js";
import type { Execution, ExecutionEvent } from "../../domain/execution.js";
import { type DetachChoice, ExecutionFollower } from "./execution-follower.js";

const status = (seq: number, value: "QUEUED" | "RUNNING" | "SUCCEEDED"): ExecutionEvent => ({
  kind: "STATUS",
  executionId: "e",
  seq,
  at: new Date(0),
  status: value,
});

/** A follower over events the test delivers, and what its control and its source were asked to do. */
function follower(onDetach: DetachChoice) {
  const waiting: ((result: IteratorResult<ExecutionEvent>) => void)[] = [];
  const delivered: IteratorResult<ExecutionEvent>[] = [];
  const deliver = (result: IteratorResult<ExecutionEvent>) => {
    const next = waiting.shift();
    if (next) next(result);
    else delivered.push(result);
  };
  let sourceReturned = false;
  const events: AsyncIterator<ExecutionEvent> = {
    next: () =>
      delivered.length > 0
        ? Promise.resolve(delivered.shift() as IteratorResult<ExecutionEvent>)
        : new Promise((resolve) => waiting.push(resolve)),
    return: async () => {
      sourceReturned = true;
      return { done: true, value: undefined };
    },
  };
  const asked = { cancels: 0 };
  const record = storedExecution({ id: "e", status: "CANCELLED" });
  const handle = new ExecutionFollower(events, onDetach, {
    wait: async () => record,
    cancel: async (): Promise<Execution> => {
      asked.cancels++;
      return record;
    },
    onCancelFailed: () => {},
  });
  return {
    handle,
    asked,
    push: (event: ExecutionEvent) => deliver({ done: false, value: event }),
    end: () => deliver({ done: true, value: undefined }),
    returned: () => sourceReturned,
  };
}

describe("ExecutionFollower", () => {
  it("passes the events on, and ends with them", async () => {
    const { handle, push, end } = follower("keep");
    const first = handle.next();
    push(status(1, "QUEUED"));
    expect((await first).value).toMatchObject({ seq: 1 });
    const second = handle.next();
    push(status(2, "SUCCEEDED"));
    end();
    expect((await second).value).toMatchObject({ seq: 2 });
    expect((await handle.next()).done).toBe(true);
  });

  it("leaves the run going when a 'keep' follower leaves", async () => {
    const { handle, asked, push, returned } = follower("keep");
    const first = handle.next();
    push(status(1, "QUEUED"));
    await first;
    await handle.return();
    expect(asked.cancels).toBe(0);
    expect(returned()).toBe(true);
  });

  it("cancels the run when a 'cancel' follower leaves, even before its first next()", async () => {
    const { handle, asked } = follower("cancel");
    expect(await handle.return()).toEqual({ done: true, value: undefined });
    expect(asked.cancels).toBe(1);
    await handle.return();
    expect(asked.cancels).toBe(1);
  });

  it("cancels nothing when a 'cancel' follower leaves after the end", async () => {
    const { handle, asked, push, end } = follower("cancel");
    const first = handle.next();
    push(status(1, "SUCCEEDED"));
    await first;
    const last = handle.next();
    end();
    expect((await last).done).toBe(true);
    await handle.return();
    expect(asked.cancels).toBe(0);
  });

  it("detach() stops following without a cancel; cancel() cancels whatever the choice", async () => {
    const kept = follower("cancel");
    await kept.handle.detach();
    expect(kept.asked.cancels).toBe(0);
    expect(kept.returned()).toBe(true);
    const cancelled = follower("keep");
    expect(await cancelled.handle.cancel()).toMatchObject({ status: "CANCELLED" });
    expect(cancelled.asked.cancels).toBe(1);
    expect(await cancelled.handle.wait()).toMatchObject({ id: "e" });
  });
});
