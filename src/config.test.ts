import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("allows AUTH=off on loopback only", () => {
    expect(loadConfig({ AUTH: "off", HOST: "127.0.0.1" }).auth.enabled).toBe(false);
    expect(loadConfig({ AUTH: "off", HOST: "::1" }).auth.enabled).toBe(false);
    expect(loadConfig({}).auth).toMatchObject({
      enabled: true,
      quotas: { user: { executionsAtOnce: 4, executionsPerMinute: 120, images: 10, jobsAtOnce: 1 } },
    });
  });

  it("has the documented defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: "127.0.0.1", sandboxImage: "mcp-executor-base" });
    expect(config.executions.maxConcurrency).toBeGreaterThanOrEqual(2);
    expect(config.metricsAuth).toBe(true);
    expect(loadConfig({ METRICS_AUTH: "off" }).metricsAuth).toBe(false);
  });

  it("keeps everything unless a RETAIN_* bound is set", () => {
    expect(loadConfig({}).retention).toEqual({
      executionsMaxAgeMs: null,
      executionsMaxBytes: null,
      filesMaxAgeMs: null,
      intervalMs: 600_000,
    });
    expect(
      loadConfig({
        RETAIN_EXECUTIONS_DAYS: "30",
        RETAIN_EXECUTIONS_MAX_BYTES: "1073741824",
        RETAIN_FILES_DAYS: "0.5",
        RETAIN_PRUNE_INTERVAL_MS: "60000",
      }).retention,
    ).toEqual({
      executionsMaxAgeMs: 30 * 86_400_000,
      executionsMaxBytes: 1_073_741_824,
      filesMaxAgeMs: 43_200_000,
      intervalMs: 60_000,
    });
  });

  it.each([
    [{ RETAIN_EXECUTIONS_DAYS: "0" }, "RETAIN_EXECUTIONS_DAYS=0 is not accepted: give a number from 0.001 to 36500."],
    [{ RETAIN_EXECUTIONS_DAYS: "a week" }, "RETAIN_EXECUTIONS_DAYS=a week is not accepted"],
    [{ RETAIN_EXECUTIONS_MAX_BYTES: "1.5" }, "RETAIN_EXECUTIONS_MAX_BYTES=1.5 is not accepted: give a whole number"],
    [{ RETAIN_EXECUTIONS_MAX_BYTES: "0" }, "RETAIN_EXECUTIONS_MAX_BYTES=0 is not accepted"],
    [{ RETAIN_FILES_DAYS: "-1" }, "RETAIN_FILES_DAYS=-1 is not accepted"],
    [{ RETAIN_PRUNE_INTERVAL_MS: "10" }, "RETAIN_PRUNE_INTERVAL_MS=10 is not accepted: give a whole number from 1000"],
  ])("refuses the retention setting %j, naming it", (env, message) => {
    expect(() => loadConfig(env)).toThrowError(message);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT=eighty is not accepted"],
    [{ PORT: "70000" }, "PORT=70000 is not accepted: give a whole number from 0 to 65535."],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL=loud is not accepted: give one of debug, info, warn, error."],
    [{ EXEC_TIMEOUT_MS: "400000" }, "EXEC_TIMEOUT_MS=400000 is not accepted"],
    [{ SANDBOX_IMAGE: "Not An Image" }, "SANDBOX_IMAGE=Not An Image is not accepted"],
    [{ DOTNET_SDK_DIR: "/nonexistent" }, "DOTNET_SDK_DIR=/nonexistent is not accepted"],
    [{ EXTRA_CA_CERTS: "/nonexistent.pem" }, "EXTRA_CA_CERTS=/nonexistent.pem is not accepted"],
    [{ EXEC_NETWORK: "true", EXEC_NETWORK_ALLOWED: "false" }, "EXEC_NETWORK=true is not accepted"],
    [{ AUTH: "off", HOST: "0.0.0.0" }, "AUTH=off is not accepted with HOST=0.0.0.0"],
    [{ AUTH: "maybe" }, "AUTH=maybe is not accepted: give one of on, off."],
    [{ METRICS_AUTH: "open" }, "METRICS_AUTH=open is not accepted: give one of on, off."],
  ])("refuses %j, naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrowError(message);
  });
});
