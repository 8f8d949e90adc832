/** The server as `npm start` runs it: a child process, its configuration, Docker absent, signals. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const children: ChildProcess[] = [];
const dataDirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function startServer(env: Record<string, string>) {
  const dataDir = await mkdtemp(join(tmpdir(), "mcp-executor-process-"));
  dataDirs.push(dataDir);
  const child = spawn(process.execPath, ["dist/main.js"], {
    // These tests are about the process, not keys: AUTH=off (allowed on loopback) keeps them short.
    env: { ...process.env, PORT: "0", DATA_DIR: dataDir, AUTH: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let log = "";
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string | null>((resolve) => {
    const check = () => {
      const match = /GraphQL \(and GraphiQL\) at (\S+);/.exec(log);
      if (match?.[1]) resolve(match[1]);
    };
    child.stderr?.on("data", check);
    child.on("exit", () => resolve(null));
  });
  return { child, url, exited, log: () => log };
}

describe("server process", () => {
  it("starts without Docker and reports the engine unreachable with a reason", async () => {
    const server = await startServer({ DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect(server.url, server.log()).not.toBeNull();
    const response = await fetch(server.url as string, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ health { ok docker { reachable serverVersion error } } }" }),
    });
    const { data } = await response.json();
    expect(data.health.ok).toBe(false);
    expect(data.health.docker).toMatchObject({ reachable: false, serverVersion: null });
    expect(data.health.docker.error).toMatch(/nonexistent\/docker\.sock/);

    const runtimes = await fetch(server.url as string, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ runtimes { language } }" }),
    });
    const { errors } = await runtimes.json();
    expect(errors?.[0]?.extensions?.code).toBe("DOCKER_UNAVAILABLE");
  });

  it("exits 0 on SIGTERM", async () => {
    const server = await startServer({ DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect(server.url, server.log()).not.toBeNull();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("refuses to start on a bad configuration value, naming the variable", async () => {
    const server = await startServer({ PORT: "eighty" });
    expect(server.url).toBeNull();
    expect(await server.exited).toBe(1);
    expect(server.log()).toContain("PORT=eighty is not accepted");
  });
});
