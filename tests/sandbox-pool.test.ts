/**
 * Warm single-use sandboxes and the resident C# compiler, against the real engine: a pooled run is
 * the same container as a cold one, is used once, and never leaks state; the pool survives a
 * killed member and leaves nothing behind; C# compiles outside the sandbox and falls back inside.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import type Dockerode from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { createDockerClient } from "../src/docker/docker-client.js";
import { containersOf, idlePooled, runContainers } from "./support/sandboxes.js";
import { makeDataDir, startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const docker = createDockerClient();
const dataDirs: string[] = [];
afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

const EXECUTE = `mutation ($input: ExecuteInput!) {
  execute(input: $input) { id status exitCode stdout stderr error createdAt }
}`;

interface Result {
  id: string;
  status: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  error: string | null;
  createdAt: string;
}

async function execute(server: TestServer, input: Record<string, unknown>): Promise<Result> {
  const { data, errors } = await server.request<{ execute: Result }>(EXECUTE, { input });
  expect(errors).toBeUndefined();
  return data?.execute as Result;
}

/** The ids of the data folder's running sandboxes, once there are at least `size`. */
async function poolFull(dataDir: string, size: number): Promise<string[]> {
  return waitFor(
    async () => {
      const running = (await containersOf(dataDir, "execution")).filter((c) => c.State === "running");
      return running.length >= size ? running.map((c) => c.Id) : null;
    },
    { timeoutMs: 30_000, what: `a pool of ${size} ready sandboxes` },
  );
}

/** Waits until an idle sandbox with these limits is ready (the pool warmed a recent profile). */
async function warmWith(dataDir: string, limits: { memoryMb?: number; pids?: number }): Promise<string[]> {
  return waitFor(
    async () => {
      const matching: string[] = [];
      for (const id of await idlePooled(dataDir)) {
        const { HostConfig } = await docker.getContainer(id).inspect();
        const memoryOk = limits.memoryMb === undefined || HostConfig.Memory === limits.memoryMb * 1024 * 1024;
        const pidsOk = limits.pids === undefined || HostConfig.PidsLimit === limits.pids;
        if (memoryOk && pidsOk) matching.push(id);
      }
      return matching.length > 0 ? matching : null;
    },
    { timeoutMs: 30_000, what: `a pooled sandbox with ${JSON.stringify(limits)}` },
  );
}

async function gone(containerId: string): Promise<void> {
  await waitFor(async () => !(await docker.listContainers({ all: true })).some((c) => c.Id.startsWith(containerId)), {
    timeoutMs: 10_000,
    what: `container ${containerId} to be removed`,
  });
}

/** The container's hostname is its short id: a program names the container it ran in. */
const HOSTNAME = "cat /etc/hostname";

/** Starts a run that keeps going, inspects its container, and cancels it. */
async function inspectRunning(server: TestServer, input: Record<string, unknown>) {
  const { data } = await server.request<{ execute: { id: string } }>(EXECUTE, { input: { ...input, wait: false } });
  const [containerId] = await waitFor(
    async () => {
      const ids = await runContainers(server.config.dataDir);
      return ids.length === 1 ? ids : null;
    },
    { timeoutMs: 20_000, what: "the run's container" },
  );
  const inspected = await docker.getContainer(containerId as string).inspect();
  await server.request("mutation ($id: ID!) { cancelExecution(id: $id) { status } }", { id: data?.execute.id });
  return inspected;
}

/** What must be identical between a pooled and a cold container of the same request. */
function securityProfile(inspected: Dockerode.ContainerInspectInfo) {
  const host = inspected.HostConfig;
  return {
    user: inspected.Config.User,
    capDrop: host.CapDrop,
    capAdd: host.CapAdd,
    securityOpt: host.SecurityOpt,
    readonlyRootfs: host.ReadonlyRootfs,
    tmpfs: host.Tmpfs,
    memory: host.Memory,
    memorySwap: host.MemorySwap,
    nanoCpus: host.NanoCpus,
    pidsLimit: host.PidsLimit,
    ulimits: host.Ulimits,
    networkMode: host.NetworkMode,
    networkDisabled: (inspected.Config as { NetworkDisabled?: boolean }).NetworkDisabled,
    labels: inspected.Config.Labels,
    image: inspected.Image,
    cmd: inspected.Config.Cmd,
  };
}

describe("the sandbox pool", () => {
  it("serves a run from a pre-started container identical to the cold path's", async () => {
    const dataDir = await makeDataDir();
    dataDirs.push(dataDir);
    const request = { language: "BASH", code: "sleep 30" };

    const pooledServer = await startTestServer({ POOL_SIZE: "2" }, { dataDir });
    let pooled: Dockerode.ContainerInspectInfo;
    try {
      const ready = await poolFull(dataDir, 2);
      const sent = Date.now();
      pooled = await inspectRunning(pooledServer, request);
      expect(ready).toContain(pooled.Id);
      expect(new Date(pooled.Created).getTime()).toBeLessThan(sent);
    } finally {
      await pooledServer.stop();
    }
    expect(await containersOf(dataDir, "execution")).toEqual([]);

    const coldServer = await startTestServer({ POOL_SIZE: "0" }, { dataDir });
    try {
      const sent = Date.now();
      const cold = await inspectRunning(coldServer, request);
      expect(new Date(cold.Created).getTime()).toBeGreaterThanOrEqual(sent - 1000);
      expect(securityProfile(pooled)).toEqual(securityProfile(cold));
      expect(securityProfile(cold)).toMatchObject({
        user: "10001:10001",
        capDrop: ["ALL"],
        readonlyRootfs: true,
        networkMode: "none",
        networkDisabled: true,
      });
    } finally {
      await coldServer.stop();
    }
  });

  describe("with a running server", () => {
    let server: TestServer;
    let dataDir: string;

    it("starts with a full pool", async () => {
      dataDir = await makeDataDir();
      dataDirs.push(dataDir);
      server = await startTestServer({ POOL_SIZE: "1", POOL_RECENT_PROFILES: "1" }, { dataDir });
      expect(await poolFull(dataDir, 1)).toHaveLength(1);
    });

    it("never hands out a pooled container that was killed while idle, and refills", async () => {
      const [victim] = await poolFull(dataDir, 1);
      await docker.getContainer(victim as string).kill();
      const result = await execute(server, { language: "PYTHON", code: "print('after the kill')" });
      expect(result).toMatchObject({ status: "SUCCEEDED", stdout: "after the kill\n" });
      const refilled = await poolFull(dataDir, 1);
      expect(refilled).not.toContain(victim);
    });

    it("carries no state from one run to the next", async () => {
      const first = await execute(server, {
        language: "BASH",
        code: `echo x > /tmp/x; echo y > /workspace/y; (sleep 1000 &); ${HOSTNAME}`,
      });
      expect(first.status).toBe("SUCCEEDED");
      await poolFull(dataDir, 1);
      const second = await execute(server, {
        language: "BASH",
        code: `${HOSTNAME}; ls -A /tmp /workspace; ps -eo comm`,
      });
      expect(second.status).toBe("SUCCEEDED");
      const [hostname, ...rest] = second.stdout.trim().split("\n");
      expect(hostname).not.toBe(first.stdout.trim());
      const listing = rest.join("\n");
      expect(listing).not.toMatch(/^x$|^y$|sleep/m);
      expect(listing).toContain("main.sh");
      await gone(first.stdout.trim());
    });

    it("serves three back-to-back runs from three containers, each removed afterwards", async () => {
      const hostnames: string[] = [];
      for (let run = 0; run < 3; run++) {
        const result = await execute(server, { language: "PYTHON", code: "print(open('/etc/hostname').read())" });
        expect(result.status).toBe("SUCCEEDED");
        hostnames.push(result.stdout.trim());
      }
      expect(new Set(hostnames).size).toBe(3);
      for (const hostname of hostnames) await gone(hostname);
    });

    it("honours non-default limits on the cold path and then from the pool", async () => {
      const cases = [
        {
          input: {
            language: "PYTHON",
            code: "print(open('/etc/hostname').read(), flush=True)\nx = bytearray(100 * 1024 * 1024)",
            limits: { memoryMb: 64 },
          },
          status: "OOM_KILLED",
          limits: { memoryMb: 64 },
        },
        {
          input: {
            language: "BASH",
            code: `${HOSTNAME}; f() { f | f & }; f; sleep 1; echo contained`,
            limits: { pids: 32, timeoutMs: 10_000 },
          },
          status: "SUCCEEDED",
          limits: { pids: 32 },
        },
        {
          // The timeout is the server's to keep, not the container's: the default profile serves it.
          input: { language: "BASH", code: `${HOSTNAME}; sleep 10`, limits: { timeoutMs: 1000 } },
          status: "TIMED_OUT",
          limits: {
            memoryMb: server.config.executions.defaults.memoryMb,
            pids: server.config.executions.defaults.pids,
          },
          pinned: true,
        },
      ];
      /** The run's container, named by the hostname it printed first. */
      const containerOf = (result: Result) => result.stdout.trim().split("\n")[0] as string;
      for (const { input, status, limits, pinned } of cases) {
        // The first run of a profile not warm yet goes cold and makes it recent; the pool then warms it.
        const idleBefore = await idlePooled(dataDir);
        const first = await execute(server, input);
        expect(first.status).toBe(status);
        if (!pinned) expect(idleBefore.some((id) => id.startsWith(containerOf(first)))).toBe(false);
        const warm = await warmWith(dataDir, limits);
        const second = await execute(server, input);
        expect(second.status).toBe(status);
        expect(
          warm.some((id) => id.startsWith(containerOf(second))),
          `${status}: ${second.stdout} not in ${warm}`,
        ).toBe(true);
        if (status === "SUCCEEDED") expect(second.stdout).toContain("contained");
      }
    });

    it("leaves no labelled container after a shutdown with a full pool", async () => {
      await poolFull(dataDir, 1);
      await server.stop();
      expect(await containersOf(dataDir, "execution")).toEqual([]);
      expect(await containersOf(dataDir, "compiler")).toEqual([]);
    });
  });

  it("after a SIGKILL with a full pool, the next start removes the old pool", async () => {
    const dataDir = await makeDataDir();
    dataDirs.push(dataDir);
    const child = spawn(process.execPath, ["dist/main.js"], {
      env: { ...process.env, PORT: "0", DATA_DIR: dataDir, AUTH: "off", POOL_SIZE: "2" },
      stdio: ["ignore", "ignore", "ignore"],
    });
    const old = await poolFull(dataDir, 2);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    expect((await containersOf(dataDir, "execution")).map((c) => c.Id).sort()).toEqual([...old].sort());
    const server = await startTestServer({ POOL_SIZE: "0" }, { dataDir });
    try {
      expect(await containersOf(dataDir, "execution")).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

describe("the resident C# compiler", () => {
  let server: TestServer;
  let dataDir: string;
  /** True when the sandbox compiled the program itself (its compiler log is there). */
  const COMPILED_IN_SANDBOX = 'Console.WriteLine(File.Exists("/tmp/.csharp-build/compiler.log"));';

  const compiledBy = async () => {
    const result = await execute(server, { language: "CSHARP", code: COMPILED_IN_SANDBOX });
    expect(result.status).toBe("SUCCEEDED");
    return result.stdout === "True\n" ? "sandbox" : "resident";
  };

  const compilerUp = () =>
    waitFor(async () => (await compiledBy()) === "resident", {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: "the resident compiler to answer",
    });

  it("compiles outside the sandbox once it is up; the first run compiles inside", async () => {
    dataDir = await makeDataDir();
    dataDirs.push(dataDir);
    server = await startTestServer({ POOL_SIZE: "2" }, { dataDir });
    expect(await compiledBy()).toBe("sandbox");
    await compilerUp();
    const [compiler] = await containersOf(dataDir, "compiler");
    const inspected = await docker.getContainer(compiler?.Id as string).inspect();
    expect(inspected.Config.User).toBe("10001:10001");
    expect(inspected.HostConfig).toMatchObject({ CapDrop: ["ALL"], ReadonlyRootfs: true, NetworkMode: "none" });
    expect(inspected.HostConfig.Memory).toBeGreaterThan(0);
    expect(inspected.HostConfig.PidsLimit).toBeGreaterThan(0);

    const hello = await execute(server, {
      language: "CSHARP",
      code: 'Console.WriteLine($"hello {string.Join(",", args)}");',
      args: ["a", "b c"],
    });
    expect(hello).toMatchObject({ status: "SUCCEEDED", exitCode: 0, stdout: "hello a,b c\n" });
  });

  it("reports a compile error exactly as the in-sandbox compiler does", async () => {
    const code = 'int x = "a";\nConsole.WriteLine(y);';
    const resident = await execute(server, { language: "CSHARP", code });
    const cold = await startTestServer({ POOL_SIZE: "0" });
    try {
      const inSandbox = await execute(cold, { language: "CSHARP", code });
      expect(resident).toMatchObject({ status: "FAILED", exitCode: 1, stdout: "" });
      expect(resident.stderr).toBe(inSandbox.stderr);
      expect(resident.stderr).toContain("Program.cs(1,9): error CS0029");
      expect(inSandbox).toMatchObject({ status: "FAILED", exitCode: 1, stdout: "" });
    } finally {
      await cold.stop();
    }
  });

  it("falls back to the sandbox when the compiler is killed, and starts it again", async () => {
    const [compiler] = await containersOf(dataDir, "compiler");
    await docker.getContainer(compiler?.Id as string).kill();
    const result = await execute(server, { language: "CSHARP", code: 'Console.WriteLine("still here");' });
    expect(result).toMatchObject({ status: "SUCCEEDED", stdout: "still here\n" });
    await compilerUp();
    await server.stop();
    expect(await containersOf(dataDir, "compiler")).toEqual([]);
  });
});
