/**
 * Keys, ownership and quotas through the real server, real graphql-ws and MCP clients, and the
 * real Docker engine: who may call, who sees what, and what a key may use.
 */
import { Client as McpClient, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runContainers } from "./support/sandboxes.js";
import { follow, startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const EXECUTE = "mutation ($input: ExecuteInput!) { execute(input: $input) { id status stdout error } }";
const HEALTH = "{ health { ok } }";

/** How the WebSocket of a graphql-ws client closed, or "open" once it acknowledged the connection. */
function socketOutcome(server: TestServer, key: string | null): Promise<number | "open"> {
  const client = server.wsClient({ key });
  return new Promise((resolve) => {
    client.on("connected", () => resolve("open"));
    client.on("closed", (event) => resolve((event as { code: number }).code));
    // The connection is lazy: a subscription opens it.
    client.subscribe(
      { query: 'subscription { executionLogs(id: "none") { seq } }' },
      {
        next: () => {},
        error: () => {},
        complete: () => {},
      },
    );
  });
}

async function mcpStatus(server: TestServer, key: string | null): Promise<number> {
  const response = await fetch(new URL("/mcp", server.url), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "auth-test", version: "1" } },
    }),
  });
  await response.body?.cancel();
  return response.status;
}

describe("authentication", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses no key, a wrong key and a revoked key on HTTP, WebSocket and /mcp, and takes a right one", async () => {
    const { key, id } = await server.createKey({ name: "refusals", role: "user" });
    const revoked = await server.createKey({ name: "revoked", role: "user" });
    await server.request("mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }", { id: revoked.id });
    for (const wrong of [null, "mde_not-a-key", revoked.key]) {
      const http = await fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(wrong === null ? {} : { authorization: `Bearer ${wrong}` }),
        },
        body: JSON.stringify({ query: HEALTH }),
      });
      expect(http.status).toBe(401);
      expect((await http.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(await socketOutcome(server, wrong)).toBe(4403);
      expect(await mcpStatus(server, wrong)).toBe(401);
    }
    expect((await server.request<{ health: { ok: boolean } }>(HEALTH, {}, { key })).data?.health.ok).toBe(true);
    expect(await socketOutcome(server, key)).toBe("open");
    expect(await mcpStatus(server, key)).toBe(200);
    const keys = await server.request<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>(
      "{ apiKeys { id lastUsedAt } }",
    );
    expect(keys.data?.apiKeys.find((item) => item.id === id)?.lastUsedAt).not.toBeNull();
  });

  it("closes a WebSocket, and ends an MCP session, when their key is revoked", async () => {
    const { key, id } = await server.createKey({ name: "soon-revoked", role: "user" });
    const client = server.wsClient({ key });
    const closed = new Promise<number>((resolve) =>
      client.on("closed", (event) => resolve((event as { code: number }).code)),
    );
    const run = follow<{ run: { seq: number } }>(
      client,
      'subscription { run(input: { language: BASH, code: "echo up; sleep 20" }, cancelOnUnsubscribe: true) { seq } }',
    );
    await waitFor(() => run.received.length >= 2, { timeoutMs: 30_000, what: "the run to start" });
    const mcp = new McpClient({ name: "auth-test", version: "1" });
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL("/mcp", server.url), {
        requestInit: { headers: { authorization: `Bearer ${key}` } },
      }),
    );
    await server.request("mutation ($id: ID!) { revokeApiKey(id: $id) { id } }", { id });
    expect(await closed).toBe(4403);
    await expect(mcp.listTools()).rejects.toThrow();
    await mcp.close();
  });

  it("has a plain /health that needs no key and tells only ok, version and Docker", async () => {
    const response = await fetch(new URL("/health", server.url));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["docker", "ok", "version"]);
    expect(body.docker).toEqual({ reachable: true });
  });

  it("trades a key for an HttpOnly SameSite=Strict session cookie, which GraphQL then accepts, until logout", async () => {
    const login = await fetch(new URL(`/?token=${server.adminKey}`, server.url), { redirect: "manual" });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/ui/");
    const cookie = login.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(";")[0] as string;
    const asBrowser = (path: string) =>
      fetch(new URL(path, server.url), {
        method: "POST",
        headers: { "content-type": "application/json", cookie: session },
        body: JSON.stringify({ query: "{ me { name role } }" }),
      });
    expect((await (await asBrowser("/graphql")).json()).data.me).toEqual({ name: "admin", role: "admin" });
    const wrong = await fetch(new URL("/?token=mde_wrong", server.url), { redirect: "manual" });
    expect(wrong.status).toBe(401);
    await fetch(new URL("/logout", server.url), { method: "POST", headers: { cookie: session }, redirect: "manual" });
    expect((await asBrowser("/graphql")).status).toBe(401);
  });
});

describe("ownership", () => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  let bobExecution: string;
  let bobFile: string;

  beforeAll(async () => {
    server = await startTestServer();
    alice = (await server.createKey({ name: "alice", role: "user" })).key;
    bob = (await server.createKey({ name: "bob", role: "user" })).key;
    const ran = await server.request<{ execute: { id: string; status: string } }>(
      EXECUTE,
      { input: { language: "BASH", code: "echo bob" } },
      { key: bob },
    );
    bobExecution = ran.data?.execute.id as string;
    const uploaded = await server.request<{ uploadFile: { id: string } }>(
      'mutation { uploadFile(input: { name: "bob.sh", content: "echo secret" }) { id } }',
      {},
      { key: bob },
    );
    bobFile = uploaded.data?.uploadFile.id as string;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

  it("hides another user's execution and file from a user, as if they did not exist", async () => {
    const read = await server.request<{ execution: null; file: null }>(
      "query ($e: ID!, $f: ID!) { execution(id: $e) { id } file(id: $f) { id } }",
      { e: bobExecution, f: bobFile },
      { key: alice },
    );
    expect(read.data).toEqual({ execution: null, file: null });
    const cancel = await server.request(
      "mutation ($id: ID!) { cancelExecution(id: $id) { id } }",
      { id: bobExecution },
      { key: alice },
    );
    expect(codeOf(cancel)).toBe("NOT_FOUND");
    const withFile = await server.request(
      EXECUTE,
      { input: { language: "BASH", code: "ls", fileIds: [bobFile] } },
      { key: alice },
    );
    expect(codeOf(withFile)).toBe("NOT_FOUND");
    const runFile = await server.request(
      "mutation ($id: ID!) { executeFile(input: { fileId: $id }) { id } }",
      { id: bobFile },
      { key: alice },
    );
    expect(codeOf(runFile)).toBe("NOT_FOUND");
    const remove = await server.request("mutation ($id: ID!) { deleteFile(id: $id) }", { id: bobFile }, { key: alice });
    expect(codeOf(remove)).toBe("NOT_FOUND");
    const followed = follow(
      server.wsClient({ key: alice }),
      "subscription ($id: ID!) { executionEvents(id: $id) { seq } }",
      {
        id: bobExecution,
      },
    );
    const [refusal] = await followed.done;
    expect(refusal?.value.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const lists = await server.request<{ executions: { totalCount: number }; files: { totalCount: number } }>(
      "{ executions { totalCount } files { totalCount } }",
      {},
      { key: alice },
    );
    expect(lists.data).toEqual({ executions: { totalCount: 0 }, files: { totalCount: 0 } });
  });

  it("refuses package installs to a key that may not use the network, even into its own image", async () => {
    const created = await server.request<{ createImage: { id: string } }>(
      'mutation { createImage(input: { name: "alice-tools", languages: [BASH] }) { id } }',
      {},
      { key: alice },
    );
    const imageId = created.data?.createImage.id as string;
    const install = await server.request(
      'mutation ($id: ID!) { installPackages(input: { imageId: $id, manager: APT, packages: ["jq"] }) { id } }',
      { id: imageId },
      { key: alice },
    );
    expect(codeOf(install)).toBe("FORBIDDEN");
    await server.request(
      "mutation ($id: ID!) { cancelImageBuild(id: $id) { status } }",
      { id: imageId },
      { key: alice },
    );
  });

  it("keeps the default image admin-only for installs and removal", async () => {
    const install = await server.request(
      'mutation { installPackages(input: { imageId: "default", manager: APT, packages: ["jq"] }) { id } }',
      {},
      { key: alice },
    );
    expect(codeOf(install)).toBe("FORBIDDEN");
    const remove = await server.request('mutation { removeImage(id: "default") }', {}, { key: alice });
    expect(codeOf(remove)).toBe("FORBIDDEN");
  });

  it("shows an admin everyone's records, and one principal's on request", async () => {
    const all = await server.request<{ executions: { edges: { node: { id: string } }[] } }>(
      "{ executions { edges { node { id } } } }",
    );
    expect(all.data?.executions.edges.map((edge) => edge.node.id)).toContain(bobExecution);
    const keys = await server.request<{ apiKeys: { name: string; principalId: string }[] }>(
      "{ apiKeys { name principalId } }",
    );
    const bobId = keys.data?.apiKeys.find((key) => key.name === "bob")?.principalId;
    const onlyBob = await server.request<{ files: { edges: { node: { id: string; ownerId: string } }[] } }>(
      "query ($p: ID) { files(principalId: $p) { edges { node { id ownerId } } } }",
      { p: bobId },
    );
    expect(onlyBob.data?.files.edges.map((edge) => edge.node)).toEqual([{ id: bobFile, ownerId: bobId }]);
  });

  it("refuses key management to users", async () => {
    const listed = await server.request("{ apiKeys { id } }", {}, { key: alice });
    expect(codeOf(listed)).toBe("FORBIDDEN");
  });
});

describe("the server's queue", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ EXEC_MAX_CONCURRENCY: "1", EXEC_MAX_QUEUED: "1" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a run past EXEC_MAX_QUEUED waiting ones, whoever asks, and starts nothing for it", async () => {
    const slow = { language: "BASH", code: "sleep 10", wait: false };
    const running = await server.request<{ execute: { id: string } }>(EXECUTE, { input: slow });
    await waitFor(async () => (await runContainers(server.config.dataDir)).length === 1, {
      timeoutMs: 20_000,
      what: "the first run's container",
    });
    const queued = await server.request<{ execute: { id: string; status: string } }>(EXECUTE, { input: slow });
    expect(queued.data?.execute.status).toBe("QUEUED");
    const refused = await server.request(EXECUTE, { input: slow });
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: "QUOTA_EXCEEDED" },
      message: "the server's queue is full: 1 executions are waiting, at most 1 may (EXEC_MAX_QUEUED).",
    });
    const all = await server.request<{ executions: { totalCount: number } }>("{ executions { totalCount } }");
    expect(all.data?.executions.totalCount).toBe(2);
    for (const id of [running.data?.execute.id, queued.data?.execute.id]) {
      await server.request("mutation ($id: ID!) { cancelExecution(id: $id) { status } }", { id });
    }
  });
});

describe("quotas and permissions", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      QUOTA_USER_EXECUTIONS_AT_ONCE: "2",
      QUOTA_USER_EXECUTIONS_PER_MINUTE: "3",
      QUOTA_WINDOW_MS: "4000",
      QUOTA_USER_FILE_BYTES: "100",
      EXEC_NETWORK_ALLOWED: "true",
      GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_PRINCIPAL: "2",
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const codeAndMessage = (result: { errors?: { message: string; extensions?: { code?: string } }[] }) => ({
    code: result.errors?.[0]?.extensions?.code,
    message: result.errors?.[0]?.message,
  });

  it("refuses the network to a user key without the permission", async () => {
    const { key } = await server.createKey({ name: "offline", role: "user" });
    const result = await server.request(
      EXECUTE,
      { input: { language: "BASH", code: "true", limits: { network: true } } },
      { key },
    );
    expect(codeAndMessage(result).code).toBe("FORBIDDEN");
    const allowed = await server.createKey({ name: "online", role: "user", network: true });
    const ok = await server.request<{ execute: { status: string } }>(
      EXECUTE,
      { input: { language: "BASH", code: "true", limits: { network: true } } },
      { key: allowed.key },
    );
    expect(ok.data?.execute.status).toBe("SUCCEEDED");
  });

  it("refuses a third execution at once, creating no container for it", async () => {
    const { key } = await server.createKey({ name: "two-at-once", role: "user", quotas: { executionsPerMinute: 100 } });
    const slow = { language: "BASH", code: "sleep 10", wait: false };
    for (let i = 0; i < 2; i++) {
      const started = await server.request(EXECUTE, { input: slow }, { key });
      expect(started.errors).toBeUndefined();
    }
    await waitFor(async () => (await runContainers(server.config.dataDir)).length === 2, {
      timeoutMs: 20_000,
      what: "both containers to run",
    });
    const third = await server.request(EXECUTE, { input: slow }, { key });
    expect(codeAndMessage(third)).toEqual({
      code: "QUOTA_EXCEEDED",
      message: "quota of executions at once used up: two-at-once may have 2, and has 2.",
    });
    expect(await runContainers(server.config.dataDir)).toHaveLength(2);
    const mine = await server.request<{ executions: { totalCount: number } }>(
      "{ executions { totalCount } }",
      {},
      { key },
    );
    expect(mine.data?.executions.totalCount).toBe(2);
  });

  it("hits the per-minute quota, then recovers when the window has passed", async () => {
    const { key } = await server.createKey({ name: "rate", role: "user" });
    for (let i = 0; i < 3; i++) {
      const ran = await server.request<{ execute: { status: string } }>(
        EXECUTE,
        { input: { language: "BASH", code: "true" } },
        { key },
      );
      expect(ran.data?.execute.status).toBe("SUCCEEDED");
    }
    const refused = await server.request(EXECUTE, { input: { language: "BASH", code: "true" } }, { key });
    expect(codeAndMessage(refused).code).toBe("QUOTA_EXCEEDED");
    const recovered = await waitFor(
      async () => {
        const again = await server.request<{ execute: { status: string } }>(
          EXECUTE,
          { input: { language: "BASH", code: "true" } },
          { key },
        );
        return again.data?.execute.status;
      },
      { timeoutMs: 15_000, intervalMs: 500, what: "the per-minute quota to recover" },
    );
    expect(recovered).toBe("SUCCEEDED");
  });

  it("caps a principal's subscriptions across its WebSocket connections", async () => {
    const { key } = await server.createKey({ name: "many-sockets", role: "user" });
    const started = await server.request<{ execute: { id: string } }>(
      EXECUTE,
      { input: { language: "BASH", code: "echo up; sleep 5", wait: false } },
      { key },
    );
    const id = started.data?.execute.id;
    const watch = () =>
      follow<{ executionEvents: { seq: number } }>(
        server.wsClient({ key }),
        "subscription ($id: ID!) { executionEvents(id: $id) { seq } }",
        { id },
      );
    const first = watch();
    const second = watch();
    await waitFor(() => first.received.length > 0 && second.received.length > 0, {
      timeoutMs: 10_000,
      what: "both followers to start",
    });
    const third = await watch().done.then(
      () => "accepted",
      (error: Error) => error.message,
    );
    expect(third).toContain('"code":"LIMIT_EXCEEDED"');
    first.stop();
    const fourth = watch();
    await waitFor(() => fourth.received.some((result) => result.value.data), {
      timeoutMs: 10_000,
      what: "a follower once a place was free",
    });
    second.stop();
    fourth.stop();
  });

  it("refuses storage over the quota, storing nothing", async () => {
    const { key } = await server.createKey({ name: "small-disk", role: "user" });
    const upload = (content: string) =>
      server.request<{ uploadFile: { id: string } }>(
        'mutation ($c: String!) { uploadFile(input: { name: "a.txt", content: $c }) { id } }',
        { c: content },
        { key },
      );
    expect((await upload("x".repeat(60))).errors).toBeUndefined();
    const over = await upload("y".repeat(41));
    expect(codeAndMessage(over)).toEqual({
      code: "QUOTA_EXCEEDED",
      message:
        "quota of bytes of stored files used up: small-disk may have 100, and has 60, and this asks for 41 more.",
    });
    const stats = await server.request<{ fileStats: { count: number; totalBytes: number } }>(
      "{ fileStats { count totalBytes } }",
      {},
      { key },
    );
    expect(stats.data?.fileStats).toEqual({ count: 1, totalBytes: 60 });
  });
});
