import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { resolveLimits } from "./limits.js";

const policy = loadConfig({ EXEC_MAX_CPUS: "2" }).executions;

describe("resolveLimits", () => {
  it("fills omitted fields with the defaults", () => {
    expect(resolveLimits({ timeoutMs: 500 }, policy)).toEqual({ ...policy.defaults, timeoutMs: 500 });
    expect(resolveLimits(null, policy)).toEqual({
      timeoutMs: 10_000,
      memoryMb: 256,
      cpus: 1,
      pids: 128,
      network: false,
      outputLimitBytes: 1024 * 1024,
    });
  });

  it.each([
    [{ timeoutMs: 0 }, "BAD_USER_INPUT", /limits\.timeoutMs must be a whole number from 1/],
    [{ pids: -1 }, "BAD_USER_INPUT", /limits\.pids/],
    [{ memoryMb: 1.5 }, "BAD_USER_INPUT", /limits\.memoryMb/],
    [{ cpus: 0 }, "BAD_USER_INPUT", /limits\.cpus/],
    [{ timeoutMs: 300_001 }, "LIMIT_EXCEEDED", /limits\.timeoutMs is at most 300000/],
    [{ cpus: 3 }, "LIMIT_EXCEEDED", /limits\.cpus is at most 2/],
    [{ outputLimitBytes: 17 * 1024 * 1024 }, "LIMIT_EXCEEDED", /limits\.outputLimitBytes/],
  ])("refuses %j with %s", (request, code, message) => {
    expect(() => resolveLimits(request, policy)).toThrowError(
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    );
  });

  it("refuses network when the server forbids it", () => {
    const closed = loadConfig({ EXEC_NETWORK_ALLOWED: "false" }).executions;
    expect(() => resolveLimits({ network: true }, closed)).toThrowError(
      expect.objectContaining({ code: "LIMIT_EXCEEDED" }),
    );
  });
});
