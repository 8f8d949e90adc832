import { describe, expect, it } from "vitest";
import { createLogNotifier, followLog } from "./log-follower.js";

describe("followLog", () => {
  it("replays, follows live entries, ends, and leaves no listener behind", async () => {
    const notifier = createLogNotifier();
    const entries: { seq: number }[] = [{ seq: 1 }, { seq: 2 }];
    let ended = false;
    const seen: number[] = [];
    const following = (async () => {
      for await (const entry of followLog(notifier, {
        id: "log",
        read: (after) => entries.filter((entry) => entry.seq > after),
        ended: () => ended,
      })) {
        seen.push(entry.seq);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 10));
    entries.push({ seq: 3 });
    notifier.notify("log");
    await new Promise((resolve) => setTimeout(resolve, 10));
    ended = true;
    notifier.notify("log");
    await following;
    expect(seen).toEqual([1, 2, 3]);
    const { woken, cancel } = notifier.next("other");
    cancel();
    notifier.notify("other");
    const outcome = await Promise.race([
      woken.then(() => "woken"),
      new Promise((resolve) => setTimeout(() => resolve("not"), 20)),
    ]);
    expect(outcome).toBe("not");
  });
});
