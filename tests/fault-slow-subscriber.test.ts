/**
 * Fault: a subscriber that reads nothing while its run floods output and ends, and one that leaves
 * mid-subscription. The server's memory stays bounded (output past the run's limit is dropped, and
 * what a stalled socket holds is at most that), and the run completes and is stored either way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForExecution } from "./support/graphql-helpers.js";
import { retainedBytes } from "./support/memory.js";
import { openRawGraphQLSocket } from "./support/raw-graphql-socket.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

/** 200 MiB of output, against the largest output limit (16 MiB). */
const FLOOD = "import sys\nchunk = 'x' * 65535 + '\\n'\nfor _ in range(3200):\n    sys.stdout.write(chunk)";
const RUN = `subscription ($input: ExecuteInput!) { run(input: $input) {
  __typename ... on StatusChange { status execution { id } } } }`;

describe("subscribers that stall or leave", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** A graphql-ws client by hand, so that its socket can stop reading; resolves once subscribed. */
  const rawSubscriber = async () => {
    const socket = await openRawGraphQLSocket(server);
    const messages: string[] = [];
    socket.on("message", (data) => messages.push(data.toString()));
    socket.send(
      JSON.stringify({
        id: "1",
        type: "subscribe",
        payload: {
          query: RUN,
          variables: {
            input: {
              language: "PYTHON",
              code: FLOOD,
              limits: { outputLimitBytes: 16 * 1024 * 1024, timeoutMs: 120_000 },
            },
          },
        },
      }),
    );
    return { socket, messages };
  };

  const latestExecution = async () => {
    const { data } = await server.request<{
      executions: { edges: { node: { id: string; status: string; outputTruncated: boolean } }[] };
    }>("{ executions(first: 1) { edges { node { id status outputTruncated } } } }");
    return data?.executions.edges[0]?.node;
  };

  it("keeps memory bounded while a subscriber reads nothing until its run has ended, and stores the run", async () => {
    const before = await retainedBytes();
    const { socket, messages } = await rawSubscriber();
    // The socket stops reading: what the server sends piles up in the kernel, then in the server.
    (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    // Stalled until the run has flooded all its output and ended: all the server could hold for
    // this subscriber has been made by then. The first test here: the newest execution is this run.
    const id = await waitFor(async () => (await latestExecution())?.id, {
      timeoutMs: 30_000,
      what: "the flooding run to be recorded",
    });
    await waitForExecution(server, id, 120_000);
    const during = await retainedBytes();
    expect(during - before).toBeLessThan(64 * 1024 * 1024);
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await waitFor(async () => messages.some((message) => /"status":"SUCCEEDED"/.test(message)), {
      timeoutMs: 120_000,
      what: "the stalled subscriber to see the run end",
    });
    socket.close();
    expect(await latestExecution()).toMatchObject({ status: "SUCCEEDED", outputTruncated: true });
    expect((await retainedBytes()) - before).toBeLessThan(32 * 1024 * 1024);
  }, 180_000);

  it("completes and stores a run whose subscriber leaves mid-subscription", async () => {
    const { socket, messages } = await rawSubscriber();
    await waitFor(async () => messages.some((message) => /RUNNING/.test(message)), {
      timeoutMs: 30_000,
      what: "the run to start",
    });
    socket.terminate();
    const id = (await latestExecution())?.id as string;
    expect((await waitForExecution(server, id, 120_000)).status).toBe("SUCCEEDED");
  }, 180_000);
});
