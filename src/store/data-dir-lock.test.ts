/** The data folder's lock: one holder, in this process or another, and none after the holder dies. */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../paths.js";
import { DataDirHeldError, type DataDirLock, OWNER_FILE, readOwner, takeDataDirLock } from "./data-dir-lock.js";

let dataDir: string;
const locks: DataDirLock[] = [];
const children: ChildProcess[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "mcp-executor-lock-"));
});
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const lock of locks.splice(0)) lock.release();
  await rm(dataDir, { recursive: true, force: true });
});

function take(): DataDirLock {
  const lock = takeDataDirLock(dataDir);
  locks.push(lock);
  return lock;
}

function refusal(): DataDirHeldError {
  try {
    take();
  } catch (error) {
    if (error instanceof DataDirHeldError) return error;
    throw error;
  }
  throw new Error("the lock was taken twice");
}

/** A child process that takes the lock through this module and then idles; resolves once it holds it. */
async function childHolder(): Promise<ChildProcess> {
  const script = `import { takeDataDirLock } from "./src/store/data-dir-lock.ts";
takeDataDirLock(${JSON.stringify(dataDir)});
process.stdout.write("held\\n");
setInterval(() => {}, 60_000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      if (output.includes("held\n")) resolve();
    });
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`the holder exited (${code}) before holding: ${output}`)));
  });
  return child;
}

describe("data folder lock", () => {
  it("has one holder in this process; release frees it and removes owner.json", () => {
    const first = take();
    expect(readOwner(dataDir)).toEqual({ pid: process.pid, url: null });
    first.advertise("http://127.0.0.1:4000/graphql");
    expect(JSON.parse(readFileSync(join(dataDir, OWNER_FILE), "utf8"))).toEqual({
      pid: process.pid,
      url: "http://127.0.0.1:4000/graphql",
    });

    const refused = refusal();
    expect(refused.holder).toEqual({ pid: process.pid, url: "http://127.0.0.1:4000/graphql" });
    expect(refused.message).toBe(
      `DATA_DIR ${dataDir} is held by another mcp-docker-executor process (pid ${process.pid}); ` +
        "stop it or give this server its own DATA_DIR.",
    );
    // The refused attempt closed its own connection without dropping the holder's lock.
    expect(refusal().holder?.pid).toBe(process.pid);

    first.release();
    expect(existsSync(join(dataDir, OWNER_FILE))).toBe(false);
    take();
    expect(readOwner(dataDir)?.pid).toBe(process.pid);
  });

  it("refuses while another process holds it, and is free once that process is killed", async () => {
    const child = await childHolder();
    expect(refusal().holder).toEqual({ pid: child.pid, url: null });

    const killed = new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    child.kill("SIGKILL");
    expect(await killed).toBe("SIGKILL");
    // The dead holder's owner.json is still there, but names no live process.
    expect(existsSync(join(dataDir, OWNER_FILE))).toBe(true);
    expect(readOwner(dataDir)).toBeNull();
    take();
    expect(readOwner(dataDir)).toEqual({ pid: process.pid, url: null });
  }, 30_000);
});
