import { describe, expect, it } from "vitest";
import { createConcurrencyGate } from "./concurrency-gate.js";

describe("concurrency gate", () => {
  it("admits up to the limit and the rest in arrival order", async () => {
    const gate = createConcurrencyGate(2);
    const never = new AbortController().signal;
    const order: number[] = [];
    const first = await gate.acquire(never);
    const second = await gate.acquire(never);
    const waiting = [3, 4].map((n) =>
      gate.acquire(never).then((release) => {
        order.push(n);
        return release;
      }),
    );
    expect(gate.waiting).toBe(2);
    first();
    first();
    await waiting[0];
    expect(order).toEqual([3]);
    second();
    await waiting[1];
    expect(order).toEqual([3, 4]);
    expect(gate.active).toBe(2);
  });

  it("drops a waiter whose signal aborts", async () => {
    const gate = createConcurrencyGate(1);
    const release = await gate.acquire(new AbortController().signal);
    const abort = new AbortController();
    const waiter = gate.acquire(abort.signal);
    abort.abort("cancelled");
    await expect(waiter).rejects.toBe("cancelled");
    expect(gate.waiting).toBe(0);
    release();
    expect(gate.active).toBe(0);
  });
});
