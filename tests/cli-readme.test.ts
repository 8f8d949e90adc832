/**
 * README's Quick Start and CLI sections, run as written: each `$ mcp-docker-executor ...` line goes
 * through bash to the real CLI (a subprocess) against a real server, and its output must match
 * what README shows under it.
 */
import { execFile } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/paths.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { consoleSteps, outputMatches } from "./support/transcript.js";

const steps = consoleSteps(readFileSync(join(PROJECT_ROOT, "README.md"), "utf8"), ["Quick Start", "CLI"]);

describe("README's Quick Start and CLI sections", () => {
  let server: TestServer;
  let workDir: string;
  let outputs: string[][] = [];

  beforeAll(async () => {
    server = await startTestServer();
    workDir = await mkdtemp(join(tmpdir(), "mcp-executor-cli-"));
    // `mcp-docker-executor` on PATH, as `npx` would provide it.
    const shim = join(workDir, "mcp-docker-executor");
    writeFileSync(
      shim,
      `#!/bin/sh\nexec "${process.execPath}" "${join(PROJECT_ROOT, "bin", "mcp-docker-executor.js")}" "$@"\n`,
    );
    chmodSync(shim, 0o755);
    // One bash runs every step, so that a step's variables (FILE_ID=...) reach the next ones.
    const script = steps.map((step, index) => `echo "::step ${index}"\n{ ${step.command}\n} 2>&1`).join("\n");
    // Asynchronously: the server answers from this very process.
    const { stdout } = await promisify(execFile)("bash", ["-c", script], {
      cwd: workDir,
      env: {
        ...process.env,
        PATH: `${workDir}:${process.env.PATH}`,
        MCP_EXECUTOR_URL: server.url,
        DATA_DIR: server.config.dataDir,
      },
      encoding: "utf8",
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    outputs = stdout
      .split(/^::step \d+\n/m)
      .slice(1)
      .map((text) => text.split("\n").filter((line) => line !== ""));
  }, 660_000);

  afterAll(async () => {
    await server?.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it("has steps to run", () => {
    expect(steps.length).toBeGreaterThan(15);
  });

  it.each(steps.map((step, index) => [index, step.command] as const))("step %i: $ %s", (index) => {
    const step = steps[index];
    const actual = outputs[index] ?? [];
    expect(
      outputMatches(step?.expected ?? [], actual),
      `expected:\n${step?.expected.join("\n")}\nactual:\n${actual.join("\n")}`,
    ).toBe(true);
  });
});
