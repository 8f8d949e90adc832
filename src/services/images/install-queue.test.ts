import { describe, expect, it } from "vitest";
import { createInstallQueue } from "./install-queue.js";

/** A piece of work that runs until the test lets it end. */
function gatedWork(log: string[], name: string) {
  let finish: (failure?: Error) => void = () => {};
  const work = () =>
    new Promise<void>((resolve, reject) => {
      log.push(`start ${name}`);
      finish = (failure) => {
        log.push(`end ${name}`);
        if (failure) reject(failure);
        else resolve();
      };
    });
  return { work, finish: (failure?: Error) => finish(failure) };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("install queue", () => {
  it("runs one install at a time per image, in order, and images side by side", async () => {
    const queue = createInstallQueue();
    const log: string[] = [];
    const first = gatedWork(log, "a1");
    const second = gatedWork(log, "a2");
    const other = gatedWork(log, "b1");
    const done = [queue.enqueue("a", first.work), queue.enqueue("a", second.work), queue.enqueue("b", other.work)];
    await turn();
    expect(log).toEqual(["start a1", "start b1"]);
    expect(queue.busy("a") && queue.busy("b")).toBe(true);
    first.finish();
    await turn();
    expect(log).toEqual(["start a1", "start b1", "end a1", "start a2"]);
    second.finish();
    other.finish();
    await Promise.all(done);
    expect(queue.busy("a") || queue.busy("b")).toBe(false);
  });

  it("goes on after a failed install, and settles when everything has ended", async () => {
    const queue = createInstallQueue();
    const log: string[] = [];
    const failing = gatedWork(log, "x");
    const next = gatedWork(log, "y");
    const failed = queue.enqueue("a", failing.work);
    const after = queue.enqueue("a", next.work);
    let settled = false;
    const settling = queue.settled().then(() => {
      settled = true;
    });
    await turn();
    failing.finish(new Error("manager failed"));
    await expect(failed).rejects.toThrow("manager failed");
    await turn();
    expect(log).toEqual(["start x", "end x", "start y"]);
    expect(settled).toBe(false);
    next.finish();
    await after;
    await settling;
    expect(queue.busy("a")).toBe(false);
  });
});
