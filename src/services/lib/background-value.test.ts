import { describe, expect, it, vi } from "vitest";
import { createBackgroundValue } from "./background-value.js";

describe("createBackgroundValue", () => {
  it("answers null at once, then the measurement once it lands, measuring again only when stale", async () => {
    let release: (value: number) => void = () => {};
    const measure = vi.fn(() => new Promise<number>((resolve) => (release = resolve)));
    const value = createBackgroundValue(measure, 60_000, () => {});
    expect(value.current()).toBeNull();
    expect(value.current()).toBeNull();
    expect(measure).toHaveBeenCalledTimes(1);
    release(42);
    await value.refresh();
    expect(value.current()).toBe(42);
    expect(measure).toHaveBeenCalledTimes(1);
  });

  it("keeps the last value when a measurement fails, and reports the failure", async () => {
    const errors: unknown[] = [];
    let fail = false;
    const value = createBackgroundValue(
      async () => {
        if (fail) throw new Error("engine away");
        return "first";
      },
      0,
      (error) => errors.push(error),
    );
    await value.refresh();
    fail = true;
    await value.refresh();
    expect(value.current()).toBe("first");
    expect(errors).toHaveLength(1);
  });
});
