/**
 * deleteExecution through the real server, without Docker: executions are seeded in the server's
 * own database (a second connection, as WAL allows), since running one needs a sandbox.
 */
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionStatus } from "../src/domain/execution.js";
import { type Database, openDatabase } from "../src/store/database.js";
import { createExecutionStore, type ExecutionStore } from "../src/store/execution-store.js";
import { storedExecution } from "./fakes/executions.js";
import { makeDataDir, startTestServer, type TestServer } from "./support/test-server.js";

const DELETE = "mutation ($id: ID!) { deleteExecution(id: $id) }";
const GET = "query ($id: ID!) { execution(id: $id) { id } }";

describe("deleteExecution", () => {
  let dataDir: string;
  let server: TestServer;
  let database: Database;
  let store: ExecutionStore;
  let owner: { key: string; principalId: string };
  let stranger: { key: string; principalId: string };

  const seed = async (id: string, ownerId: string, status: ExecutionStatus = "SUCCEEDED") => {
    const chunk = (seq: number) =>
      ({ executionId: id, seq, at: new Date(), kind: "LOG", stream: "STDOUT", data: "out" }) as const;
    await store.insert(storedExecution({ id, ownerId, status }), chunk(1));
    for (let seq = 2; seq <= 3; seq++) await store.appendEvent(chunk(seq));
  };
  const eventCount = async (id: string) => (await store.eventsAfter(id, 0)).length;
  const remove = (id: string, key: string) => server.request<{ deleteExecution: boolean }>(DELETE, { id }, { key });

  beforeAll(async () => {
    dataDir = await makeDataDir();
    server = await startTestServer({}, { dataDir });
    database = await openDatabase(dataDir);
    store = createExecutionStore(database.db);
    owner = await server.createKey({ name: "owner" });
    stranger = await server.createKey({ name: "stranger" });
  });
  afterAll(async () => {
    await database?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("lets the owner delete a finished execution, with its events", async () => {
    await seed("owned", owner.principalId);
    expect(await eventCount("owned")).toBe(3);
    expect(await remove("owned", owner.key)).toEqual({ data: { deleteExecution: true } });
    expect(await eventCount("owned")).toBe(0);
    expect((await server.request(GET, { id: "owned" }, { key: owner.key })).data).toEqual({ execution: null });
  });

  it("answers NOT_FOUND to anyone else, and for an id that names none", async () => {
    await seed("not-yours", owner.principalId);
    const refused = await remove("not-yours", stranger.key);
    expect(refused.errors?.[0]).toMatchObject({
      message: "id not-yours names no execution.",
      extensions: { code: "NOT_FOUND" },
    });
    expect(await eventCount("not-yours")).toBe(3);
    expect((await remove("no-such-id", owner.key)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("lets an admin delete anyone's", async () => {
    await seed("any", stranger.principalId);
    expect((await server.request(DELETE, { id: "any" })).data).toEqual({ deleteExecution: true });
    expect(await eventCount("any")).toBe(0);
  });

  it("refuses an execution that is still running", async () => {
    await seed("running", owner.principalId, "RUNNING");
    const refused = await remove("running", owner.key);
    expect(refused.errors?.[0]).toMatchObject({
      message: "execution running is still RUNNING: cancel it first (cancelExecution), then delete it.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(await eventCount("running")).toBe(3);
  });
});
