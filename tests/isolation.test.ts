/**
 * Isolation STRONG: runs under gVisor's runsc (registered by scripts/ensure-docker.sh), through the
 * real server and real containers. The same behaviours as under runc: output, timeout, OOM, a fork
 * bomb, an output flood; and proof that the program met gVisor's kernel, not the host's.
 */
import { release } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containersOf } from "./support/sandboxes.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const EXECUTE = `mutation ($input: ExecuteInput!) {
  execute(input: $input) { id status exitCode stdout stderr outputTruncated isolation error } }`;

interface Execution {
  id: string;
  status: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  isolation: string;
  error: string | null;
}

describe("isolation STRONG (gVisor)", () => {
  let server: TestServer;

  const execute = async (input: Record<string, unknown>) => {
    const { data, errors } = await server.request<{ execute: Execution }>(EXECUTE, { input });
    return { execution: data?.execute as Execution, errors };
  };
  const strong = async (input: Record<string, unknown>) => {
    const { execution, errors } = await execute({ isolation: "STRONG", ...input });
    expect(errors).toBeUndefined();
    expect(execution.isolation).toBe("STRONG");
    return execution;
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists runsc beside runc in health", async () => {
    const { data } = await server.request<{ health: { containerRuntimes: string[] } }>(
      "{ health { containerRuntimes } }",
    );
    expect(data?.health.containerRuntimes).toEqual(expect.arrayContaining(["runc", "runsc"]));
  });

  it("runs hello world in every language, and records STANDARD for a run that names none", async () => {
    const hello = {
      PYTHON: "print('hello')",
      NODE: "console.log('hello')",
      CSHARP: 'Console.WriteLine("hello");',
      BASH: "echo hello",
    };
    for (const [language, code] of Object.entries(hello)) {
      const execution = await strong({ language, code });
      expect(execution, language).toMatchObject({ status: "SUCCEEDED", stdout: "hello\n" });
    }
    const plain = await execute({ language: "BASH", code: "echo plain" });
    expect(plain.execution).toMatchObject({ status: "SUCCEEDED", isolation: "STANDARD" });
  }, 120_000);

  it("meets gVisor's kernel: dmesg is gVisor's, uname -r is not the host's", async () => {
    const execution = await strong({ language: "BASH", code: "dmesg | head -n 3; echo; uname -r" });
    expect(execution.status).toBe("SUCCEEDED");
    const [messages, kernel] = execution.stdout.split("\n\n");
    expect(messages).toMatch(/gVisor/);
    expect(kernel?.trim()).not.toBe(release());
    const host = await execute({ language: "BASH", code: "uname -r" });
    expect(host.execution.stdout.trim()).toBe(release());
  });

  it("kills a busy loop at the timeout", async () => {
    const started = performance.now();
    const execution = await strong({ language: "PYTHON", code: "while True: pass", limits: { timeoutMs: 1000 } });
    expect(execution.status).toBe("TIMED_OUT");
    // The bound is the point: killed at its 1 s timeout in gVisor too, not at some later moment.
    expect(performance.now() - started).toBeLessThan(5000);
    // `docker top` cannot see into a gVisor sandbox, so pooled containers are told from the killed
    // one by state and number: what is left must be running, and no more than the pool keeps.
    await waitFor(
      async () => {
        const left = await containersOf(server.config.dataDir);
        return left.every((container) => container.State === "running") && left.length <= 2 * server.config.pool.size;
      },
      { timeoutMs: 10_000, what: "the timed-out run's container to be removed" },
    );
  });

  it("reports OOM_KILLED when the memory limit is hit", async () => {
    const execution = await strong({
      language: "PYTHON",
      code: "data = b'x' * (1024 * 1024 * 1024)\nprint(len(data))",
      limits: { memoryMb: 64 },
    });
    expect(execution.status).toBe("OOM_KILLED");
  });

  it("survives a fork bomb under a pids limit, and keeps serving", async () => {
    const execution = await strong({
      language: "BASH",
      code: "bomb() { bomb | bomb & }; bomb; sleep 10",
      limits: { pids: 64, timeoutMs: 3000 },
    });
    expect(["FAILED", "TIMED_OUT"]).toContain(execution.status);
    expect((await strong({ language: "PYTHON", code: "print('still here')" })).stdout).toBe("still here\n");
  }, 60_000);

  it("drops output past outputLimitBytes", async () => {
    const execution = await strong({
      language: "PYTHON",
      code: "import sys\nchunk = 'x' * 65535 + '\\n'\nfor _ in range(1600):\n    sys.stdout.write(chunk)",
      limits: { outputLimitBytes: 65536, timeoutMs: 60000 },
    });
    expect(execution.status).toBe("SUCCEEDED");
    expect(execution.outputTruncated).toBe(true);
    expect(Buffer.byteLength(execution.stdout)).toBeLessThanOrEqual(65536);
  }, 120_000);

  it("refuses a STRONG run that asks for the network, saying why", async () => {
    const { errors } = await execute({
      language: "BASH",
      code: "true",
      isolation: "STRONG",
      limits: { network: true },
    });
    expect(errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(errors?.[0]?.message).toMatch(/limits\.network.*gVisor.*no network/);
  });
});
