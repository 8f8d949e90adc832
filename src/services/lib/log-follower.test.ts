import { describe, expect, it } from "vitest";
import { createLogNotifier, followLog } from "./log-follower.js";

/** Lets pending promise callbacks and I/O run; a woken follower runs within one such turn. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Turns the event loop until `condition` holds, failing after a bounded number of turns. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turns = 0; turns < 1000; turns++) {
    if (condition()) return;
    await turn();
  }
  throw new Error(`never happened: ${what}`);
}

describe("followLog", () => {
  it("replays, follows live entries, ends, and leaves no listener behind", async () => {
    const notifier = createLogNotifier();
    const entries: { seq: number }[] = [{ seq: 1 }, { seq: 2 }];
    let ended = false;
    const seen: number[] = [];
    const following = (async () => {
      for await (const entry of followLog(notifier, {
        id: "log",
        read: async (after) => entries.filter((entry) => entry.seq > after),
        ended: async () => ended,
      })) {
        seen.push(entry.seq);
      }
    })();
    await until(() => seen.length === 2, "the replay of the stored entries");
    entries.push({ seq: 3 });
    notifier.notify("log");
    await until(() => seen.length === 3, "the live entry");
    ended = true;
    notifier.notify("log");
    await following;
    expect(seen).toEqual([1, 2, 3]);
    const { woken, cancel } = notifier.next("other");
    let wokenUp = false;
    void woken.then(() => {
      wokenUp = true;
    });
    cancel();
    notifier.notify("other");
    await turn();
    expect(wokenUp).toBe(false);
  });
});
