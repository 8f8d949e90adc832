import { describe, expect, it } from "vitest";
import { createOperationSlots } from "./operation-slots.js";

describe("operation slots", () => {
  it("caps each key on its own, and frees a slot when given back", () => {
    const slots = createOperationSlots<string>(2);
    expect(slots.take("a", "1")).toBe(true);
    expect(slots.take("a", "2")).toBe(true);
    expect(slots.take("a", "3")).toBe(false);
    expect(slots.take("b", "1")).toBe(true);
    slots.give("a", "1");
    slots.give("a", "1");
    expect(slots.held("a")).toBe(1);
    expect(slots.take("a", "3")).toBe(true);
    expect(slots.take("a", "3")).toBe(true);
    expect(slots.held("a")).toBe(2);
  });

  it("forgets a closed key", () => {
    const slots = createOperationSlots<object>(1);
    const connection = {};
    expect(slots.take(connection, "1")).toBe(true);
    slots.forget(connection);
    expect(slots.held(connection)).toBe(0);
    expect(slots.take(connection, "2")).toBe(true);
  });
});
