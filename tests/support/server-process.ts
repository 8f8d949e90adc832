/**
 * The server as its own process (dist/main.js), for tests about its crash: started on a port of
 * its own with AUTH=off (allowed on loopback; the crash is the subject, not keys), and killed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import type { GraphQLResponse } from "./test-server.js";

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /**
   * The bytes the process has passed to write calls so far (wchar in /proc/PID/io, Linux): what
   * it sent to the engine among them, such as an image's build context as it streams.
   */
  bytesWritten(): Promise<number>;
  /** SIGKILL, and resolves once the process has ended. */
  kill(): Promise<void>;
}

export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["dist/main.js"], {
    env: { ...process.env, PORT: "0", DATA_DIR: dataDir, AUTH: "off", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (chunk) => {
      log += chunk;
      const match = /GraphQL \(and GraphiQL\) at (\S+);/.exec(log);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", () => reject(new Error(`server exited: ${log}`)));
  });
  return {
    child,
    url,
    async request(query, variables = {}) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    async bytesWritten() {
      const io = await readFile(`/proc/${child.pid}/io`, "utf8");
      const wchar = /^wchar: (\d+)$/m.exec(io)?.[1];
      if (wchar === undefined) throw new Error(`no wchar in /proc/${child.pid}/io: ${io}`);
      return Number(wchar);
    },
    async kill() {
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}
