/**
 * Which process owns a data folder: the HTTP server and an MCP stdio process may share one, and
 * only the owner may sweep it at start (the sweep ends executions it believes orphaned, and it
 * must never end another live process's). Ownership is a pid file naming a live process.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/** Takes the folder when no live process holds it; returns a release function, or null when another does. */
export function claimDataDir(dataDir: string): (() => void) | null {
  const file = join(dataDir, "owner.pid");
  let holder: number | null = null;
  try {
    holder = Number(readFileSync(file, "utf8").trim());
  } catch {}
  if (holder && holder !== process.pid && isAlive(holder)) return null;
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (Number(readFileSync(file, "utf8").trim()) === process.pid) rmSync(file);
    } catch {}
  };
}
