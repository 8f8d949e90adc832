/**
 * The output limit holds for what is stored, whatever the bytes, and the live stream is exactly
 * what is stored: invalid UTF-8 and a character cut off at the program's end, through a real run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect, startTestServer, type TestServer } from "./support/test-server.js";

const MIB = 1024 * 1024;

describe("output encoding", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("stores at most the limit of invalid UTF-8 output", async () => {
    const { data, errors } = await server.request<{
      execute: { status: string; stdout: string; outputTruncated: boolean };
    }>("mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout outputTruncated } }", {
      input: {
        language: "PYTHON",
        code: "import sys\nsys.stdout.buffer.write(b'\\xff' * 2_000_000)",
        limits: { outputLimitBytes: MIB },
      },
    });
    expect(errors).toBeUndefined();
    expect(data?.execute.status).toBe("SUCCEEDED");
    expect(data?.execute.outputTruncated).toBe(true);
    const stored = Buffer.byteLength(data?.execute.stdout ?? "");
    expect(stored).toBeLessThanOrEqual(MIB);
    expect(stored).toBeGreaterThan(MIB - 3);
  });

  it("streams a character cut off at the end exactly as it stores it", async () => {
    const events = await collect<{ run: { executionId: string; data?: string; status?: string } }>(
      server.wsClient(),
      `subscription ($input: ExecuteInput!) { run(input: $input) {
         executionId ... on LogChunk { data } ... on StatusChange { status } } }`,
      { input: { language: "PYTHON", code: "import sys\nsys.stdout.buffer.write(b'snow\\xe2\\x98')" } },
    );
    const streamed = events.map((event) => event.value.data?.run.data ?? "").join("");
    const id = events[0]?.value.data?.run.executionId;
    const { data } = await server.request<{ execution: { stdout: string } }>(
      "query ($id: ID!) { execution(id: $id) { stdout } }",
      { id },
    );
    expect(streamed).toBe(data?.execution.stdout);
    expect(streamed).toBe("snow\uFFFD");
  });
});
