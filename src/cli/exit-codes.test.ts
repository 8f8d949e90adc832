import { describe, expect, it } from "vitest";
import { exitCodeOf } from "./exit-codes.js";

describe("exit codes", () => {
  it.each([
    ["SUCCEEDED", 0, 0],
    ["FAILED", 3, 3],
    ["TIMED_OUT", null, 124],
    ["OOM_KILLED", 137, 137],
    ["CANCELLED", null, 130],
    ["ERROR", null, 1],
  ] as const)("%s (exit %s) exits %i", (status, exitCode, expected) => {
    expect(exitCodeOf({ status, exitCode })).toBe(expected);
  });
});
