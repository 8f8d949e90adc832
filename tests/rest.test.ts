/**
 * The seed's REST API against the real server: each route called as the seed's CLI calls it, a
 * refusal of each with its HTTP status and code, keys and cross-site requests, server-sent events
 * (progressive, resumed with Last-Event-ID, a disconnect that leaves the run going, the stream
 * cap), and the OpenAPI document with its docs page in a browser. The blocks named "with Docker"
 * run programs; the others need no engine.
 */
import { validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { foreignRequests, useBrowser } from "./support/browser.js";
import { CSRF_HEADER } from "./support/multipart.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

/** Every route of the seed's REST API, as `METHOD path`. */
const SEED_ROUTES = [
  "POST /images/create",
  "POST /execute",
  "GET /executions/{id}",
  "GET /health",
  "POST /packages/install",
  "POST /files/upload",
  "GET /files",
  "GET /files/{id}",
  "DELETE /files/{id}",
  "POST /files/{id}/execute",
  "GET /files/stats",
  "POST /execute/stream",
  "GET /executions/{id}/progress",
  "GET /executions/{id}/stream",
];

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

interface RestError {
  error: { code: string; message: string };
}

interface SseEvent {
  id: number;
  data: { __typename: string; seq: number; executionId: string; stream?: string; data?: string; status?: string };
  /** performance.now() when it arrived. */
  at: number;
}

const FINAL_STATUSES = ["SUCCEEDED", "FAILED", "TIMED_OUT", "OOM_KILLED", "CANCELLED", "ERROR"];

describe("REST API", () => {
  let server: TestServer;
  let base: string;
  let user: { key: string; principalId: string };

  /** A JSON request as the admin (or as `key`; null: with none), the way the seed's CLI sends it. */
  async function rest<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; key?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const key = options.key === undefined ? server.adminKey : options.key;
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
  }

  /** Reads a server-sent event stream to its end (or until `until` says stop), with arrival times. */
  async function readEvents(
    response: Response,
    until: (event: SseEvent) => boolean = () => false,
  ): Promise<SseEvent[]> {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events: SseEvent[] = [];
    const reader = (response.body as ReadableStream<Uint8Array>)
      .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
      .getReader();
    let buffered = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return events;
      buffered += value;
      for (let end = buffered.indexOf("\n\n"); end >= 0; end = buffered.indexOf("\n\n")) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split("\n")
            .filter((line) => !line.startsWith(":"))
            .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trimStart()]),
        );
        if (fields.event === "error") throw new Error(`stream error: ${fields.data}`);
        if (fields.data === undefined) continue;
        const event = { id: Number(fields.id), data: JSON.parse(fields.data), at: performance.now() };
        events.push(event);
        if (until(event)) {
          await reader.cancel();
          return events;
        }
      }
    }
  }

  const stream = (
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ) =>
    fetch(`${base}${path}`, {
      method: init.body === undefined ? "GET" : "POST",
      headers: {
        authorization: `Bearer ${server.adminKey}`,
        accept: "text/event-stream",
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });

  beforeAll(async () => {
    server = await startTestServer();
    base = new URL(server.url).origin;
    user = await server.createKey({ name: "rest-user", role: "user", quotas: { fileBytes: 64 } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe("files", () => {
    it("stores, lists, reads, counts and deletes files as the seed's CLI asks", async () => {
      const uploaded = await rest("POST", "/files/upload", {
        body: { name: "hello.py", content: "print('Hello from a stored file!')", language: "python" },
      });
      expect(uploaded.status).toBe(200);
      expect(uploaded.body).toMatchObject({
        name: "hello.py",
        language: "PYTHON",
        sizeBytes: 34,
        content: "print('Hello from a stored file!')",
      });
      expect(uploaded.body.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.keys(uploaded.body).sort()).toEqual(
        ["content", "createdAt", "id", "language", "name", "ownerId", "sha256", "sizeBytes"].sort(),
      );

      // multipart, the file in the part `file`, its name from the part's filename.
      const form = new FormData();
      form.append("file", new Blob(["console.log('from multipart')\n"]), "multi.js");
      const multipart = await fetch(`${base}/files/upload`, {
        method: "POST",
        headers: server.authHeaders(),
        body: form,
      });
      expect(multipart.status).toBe(200);
      const multi = (await multipart.json()) as Record<string, unknown>;
      expect(multi).toMatchObject({ name: "multi.js", language: "NODE", sizeBytes: 30 });

      const firstPage = await rest<{ items: Record<string, unknown>[]; nextCursor: string | null; totalCount: number }>(
        "GET",
        "/files?first=1",
      );
      expect(firstPage.status).toBe(200);
      expect(firstPage.body.totalCount).toBeGreaterThanOrEqual(2);
      expect(firstPage.body.items).toHaveLength(1);
      expect(firstPage.body.items[0]).toMatchObject({ id: multi.id, name: "multi.js" });
      expect(firstPage.body.items[0]).not.toHaveProperty("content");
      expect(firstPage.body.nextCursor).toEqual(expect.any(String));
      const secondPage = await rest<{ items: { id: string }[] }>(
        "GET",
        `/files?first=1&after=${encodeURIComponent(firstPage.body.nextCursor as string)}`,
      );
      expect(secondPage.body.items[0]?.id).toBe(uploaded.body.id);
      const pythonOnly = await rest<{ items: { name: string }[] }>("GET", "/files?language=python");
      expect(pythonOnly.body.items.map((item) => item.name)).toContain("hello.py");
      expect(pythonOnly.body.items.map((item) => item.name)).not.toContain("multi.js");

      const one = await rest("GET", `/files/${uploaded.body.id}`);
      expect(one).toMatchObject({ status: 200, body: uploaded.body });

      const stats = await rest<{ count: number; totalBytes: number; byLanguage: unknown[] }>("GET", "/files/stats");
      expect(stats.status).toBe(200);
      expect(stats.body.count).toBeGreaterThanOrEqual(2);
      expect(stats.body.byLanguage).toEqual(
        expect.arrayContaining([{ language: "PYTHON", count: expect.any(Number) }]),
      );

      expect(await rest("DELETE", `/files/${multi.id}`)).toMatchObject({ status: 200, body: { deleted: true } });
      expect(await rest("GET", `/files/${multi.id}`)).toMatchObject({
        status: 404,
        body: { error: { code: "NOT_FOUND" } },
      });
    });
  });

  describe("refusals", () => {
    const ADMIN = undefined;
    it.each([
      ["POST", "/execute", { code: "print(1)" }, ADMIN, 400, "BAD_USER_INPUT"],
      ["POST", "/execute", { language: "cobol", code: "x" }, ADMIN, 400, "BAD_USER_INPUT"],
      ["POST", "/execute", { language: "python", code: 7 }, ADMIN, 400, "BAD_USER_INPUT"],
      [
        "POST",
        "/execute",
        { language: "python", code: "1", limits: { timeoutMs: 999_999_999 } },
        ADMIN,
        413,
        "LIMIT_EXCEEDED",
      ],
      ["POST", "/execute", { language: "python", code: "1", limits: { network: true } }, "user", 403, "FORBIDDEN"],
      ["POST", "/execute/stream", { language: "klingon", code: "x" }, ADMIN, 400, "BAD_USER_INPUT"],
      ["GET", "/executions/no-such-id", undefined, ADMIN, 404, "NOT_FOUND"],
      ["GET", "/executions/no-such-id/progress", undefined, ADMIN, 404, "NOT_FOUND"],
      ["GET", "/executions/no-such-id/stream", undefined, ADMIN, 404, "NOT_FOUND"],
      ["POST", "/images/create", { name: "Not A Docker Name!", languages: ["python"] }, ADMIN, 400, "BAD_USER_INPUT"],
      ["POST", "/images/create", { name: "x", languages: ["fortran"] }, ADMIN, 400, "BAD_USER_INPUT"],
      [
        "POST",
        "/packages/install",
        { imageId: "default", manager: "pip", packages: ["requests"] },
        "user",
        403,
        "FORBIDDEN",
      ],
      [
        "POST",
        "/packages/install",
        { imageId: "default", manager: "pip", packages: ["-e ."] },
        ADMIN,
        400,
        "BAD_USER_INPUT",
      ],
      ["POST", "/packages/install", { imageId: "nope", manager: "npm", packages: ["lodash"] }, ADMIN, 404, "NOT_FOUND"],
      ["POST", "/files/upload", { name: "../escape.py", content: "x" }, ADMIN, 400, "BAD_USER_INPUT"],
      ["POST", "/files/upload", { name: "a.py", content: "x", file: "not a file" }, ADMIN, 400, "BAD_USER_INPUT"],
      ["POST", "/files/upload", { name: "big.txt", content: "x".repeat(100) }, "user", 429, "QUOTA_EXCEEDED"],
      ["GET", "/files?first=lots", undefined, ADMIN, 400, "BAD_USER_INPUT"],
      ["GET", "/files?first=0", undefined, ADMIN, 400, "BAD_USER_INPUT"],
      ["GET", "/files?language=cobol", undefined, ADMIN, 400, "BAD_USER_INPUT"],
      ["GET", "/files/no-such-id", undefined, ADMIN, 404, "NOT_FOUND"],
      ["DELETE", "/files/no-such-id", undefined, ADMIN, 404, "NOT_FOUND"],
      ["POST", "/files/no-such-id/execute", undefined, ADMIN, 404, "NOT_FOUND"],
      ["PUT", "/files/stats", undefined, ADMIN, 405, "BAD_USER_INPUT"],
    ])("%s %s %j as %s: %i %s", async (method, path, body, as, status, code) => {
      const answer = await rest<RestError>(method, path, { body, key: as === "user" ? user.key : undefined });
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message).not.toMatch(/\n\s+at /);
    });

    it("refuses a body over the body rule with 413 before reading it", async () => {
      const big = "x".repeat(server.config.graphql.maxBodyBytes + 1);
      const answer = await rest<RestError>("POST", "/files/upload", { body: { name: "big.txt", content: big } });
      expect(answer.status).toBe(413);
      expect(answer.body.error.code).toBe("LIMIT_EXCEEDED");
    });

    it("refuses every route without a key with 401 UNAUTHENTICATED, and a wrong key too", async () => {
      for (const route of SEED_ROUTES.filter((route) => route !== "GET /health")) {
        const [method, template] = route.split(" ") as [string, string];
        const path = template.replace("{id}", "some-id");
        const body = method === "POST" ? {} : undefined;
        for (const key of [null, "mde_not-a-key"]) {
          const answer = await rest<RestError>(method, path, { body, key });
          expect(answer.status, `${route} with key ${key}`).toBe(401);
          expect(answer.body.error.code).toBe("UNAUTHENTICATED");
          expect(answer.headers.get("www-authenticate")).toBe("Bearer");
        }
      }
      const openApi = await rest("GET", "/openapi.json", { key: null });
      expect(openApi.status).toBe(401);
    });

    it("keeps /health open with the seed's fields", async () => {
      const answer = await rest("GET", "/health", { key: null });
      expect([200, 503]).toContain(answer.status);
      expect(answer.body).toEqual({
        ok: answer.status === 200,
        version: VERSION,
        docker: { reachable: expect.any(Boolean) },
      });
    });

    it("refuses what another site's page could send: a form-like body on a session, a foreign Origin", async () => {
      // A browser session: the cookie /?token= sets.
      const login = await fetch(`${base}/?token=${server.adminKey}`, { redirect: "manual" });
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] as string;
      expect(cookie).toMatch(/^mde_session_\d+=/);
      const form = () => {
        const body = new FormData();
        body.append("file", new Blob(["print(1)\n"]), "session.py");
        return body;
      };
      const bare = await fetch(`${base}/files/upload`, { method: "POST", headers: { cookie }, body: form() });
      expect(bare.status).toBe(403);
      expect(((await bare.json()) as RestError).error.code).toBe("FORBIDDEN");
      const plain = await fetch(`${base}/execute`, {
        method: "POST",
        headers: { cookie, "content-type": "text/plain" },
        body: JSON.stringify({ language: "python", code: "print(1)" }),
      });
      expect(plain.status).toBe(403);
      const withHeader = await fetch(`${base}/files/upload`, {
        method: "POST",
        headers: { cookie, ...CSRF_HEADER },
        body: form(),
      });
      expect(withHeader.status).toBe(200);
      // The request guard, before anything: a page of another origin, or of another port of this host.
      const foreign = await fetch(`${base}/files`, {
        headers: { cookie, origin: "https://evil.example" },
      });
      expect(foreign.status).toBe(403);
      const sameSite = await fetch(`${base}/files/stats`, { headers: { cookie, "sec-fetch-site": "same-site" } });
      expect(sameSite.status).toBe(403);
      // A key's request with a non-JSON body says what to send.
      const text = await rest<RestError>("POST", "/execute", {
        headers: { "content-type": "text/plain" },
        body: { language: "python", code: "1" },
      });
      expect(text.status).toBe(415);
      expect(text.body.error.code).toBe("BAD_USER_INPUT");
    });
  });

  describe("OpenAPI", () => {
    const browser = useBrowser();

    it("serves a valid OpenAPI 3 document that lists every route", async () => {
      const answer = await rest<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
        "GET",
        "/openapi.json",
      );
      expect(answer.status).toBe(200);
      expect(answer.body.openapi).toMatch(/^3\./);
      const listed = Object.entries(answer.body.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(listed.sort()).toEqual([...SEED_ROUTES].sort());
      // validate() dereferences in place: give it a copy.
      const result = await validate(structuredClone(answer.body) as never);
      expect(result.valid ? [] : result.errors).toEqual([]);
    });

    it("derives bodies and answers from the GraphQL types", async () => {
      const { body } = await rest<{
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      }>("GET", "/openapi.json");
      const schemas = body.components.schemas;
      expect(Object.keys(schemas.ExecuteInput?.properties ?? {}).sort()).toEqual(
        ["args", "code", "fileIds", "imageId", "isolation", "language", "limits", "stdin", "version", "wait"].sort(),
      );
      expect(schemas.ExecuteFileBody?.properties).not.toHaveProperty("fileId");
      expect(schemas.Execution?.properties).toHaveProperty("warnings");
      expect(schemas.Execution?.properties).toHaveProperty("usage");
      expect(schemas.LanguageName).toMatchObject({ enum: expect.arrayContaining(["PYTHON", "python", "javascript"]) });
    });

    it("renders the docs page from this server alone", async () => {
      const { page, context, requests, errors } = await browser.openPage();
      const origin = base;
      // Log in as a browser does; the session cookie then carries the page's requests.
      const login = await fetch(`${base}/?token=${server.adminKey}`, { redirect: "manual" });
      const [name, value] = ((login.headers.get("set-cookie") ?? "").split(";")[0] as string).split("=");
      await context.addCookies([{ name: name as string, value: value as string, url: origin }]);
      const response = await page.goto(`${origin}/docs`);
      expect(response?.headers()["content-security-policy"]).toContain("default-src 'none'");
      await page.getByText("mcp-docker-executor REST API (seed-compatible)").first().waitFor();
      await page.getByText("/executions/{id}/stream").first().waitFor();
      await page.waitForLoadState("networkidle");
      expect(requests).toContain(`${origin}/openapi.json`);
      expect(foreignRequests(requests, origin)).toEqual([]);
      expect(errors).toEqual([]);
      // Its own requests (Try it out) ride on the session cookie, with no key in the page.
      expect(await page.evaluate(() => fetch("/files/stats").then((response) => response.status))).toBe(200);
    });
  });

  describe("with Docker", () => {
    it("runs code, then answers the execution and its progress", async () => {
      const ran = await rest("POST", "/execute", { body: { language: "python", code: "print('Hello from Python!')" } });
      expect(ran.status).toBe(200);
      expect(ran.body).toMatchObject({
        status: "SUCCEEDED",
        exitCode: 0,
        stdout: "Hello from Python!\n",
        stderr: "",
        language: "PYTHON",
        outputTruncated: false,
        warnings: [],
        image: { id: "default" },
        file: null,
      });
      expect(ran.body.limits).toMatchObject({ timeoutMs: expect.any(Number), memoryMb: expect.any(Number) });
      const got = await rest("GET", `/executions/${ran.body.id}`);
      expect(got).toMatchObject({
        status: 200,
        body: { id: ran.body.id, status: "SUCCEEDED", stdout: "Hello from Python!\n" },
      });
      const progress = await rest<{ status: string; lastSeq: number }>("GET", `/executions/${ran.body.id}/progress`);
      expect(progress.status).toBe(200);
      expect(progress.body.status).toBe("SUCCEEDED");
      expect(progress.body.lastSeq).toBeGreaterThanOrEqual(3);

      for (const [language, code, out] of [
        ["javascript", "console.log(6 * 7)", "42\n"],
        ["node", "console.log('n')", "n\n"],
        ["bash", "echo b", "b\n"],
        ["csharp", 'Console.WriteLine("c");', "c\n"],
      ]) {
        const answer = await rest("POST", "/execute", { body: { language, code } });
        expect(answer.body, language).toMatchObject({ status: "SUCCEEDED", stdout: out });
      }
    }, 120_000);

    it("runs a stored file, with an empty body and with options", async () => {
      const file = await rest("POST", "/files/upload", {
        body: { name: "args.py", content: "import sys\nprint(sys.argv[1:], input())" },
      });
      const bare = await fetch(`${base}/files/${file.body.id}/execute`, {
        method: "POST",
        headers: server.authHeaders(),
      });
      expect(bare.status).toBe(200);
      expect(await bare.json()).toMatchObject({ status: "FAILED", file: { id: file.body.id } });
      const withOptions = await rest("POST", `/files/${file.body.id}/execute`, {
        body: { args: ["a", "b"], stdin: "typed\n" },
      });
      expect(withOptions).toMatchObject({ status: 200, body: { status: "SUCCEEDED", stdout: "['a', 'b'] typed\n" } });
    }, 60_000);

    it("creates an image and installs packages, answering their records", async () => {
      const created = await rest("POST", "/images/create", {
        body: { name: `rest-${Date.now()}`, languages: ["python"] },
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ status: "BUILDING", languages: ["PYTHON"], packages: [] });
      const imageId = created.body.id as string;
      try {
        await waitFor(
          async () => {
            const { data } = await server.request<{ image: { status: string } }>(
              "query ($id: ID!) { image(id: $id) { status } }",
              { id: imageId },
            );
            return data?.image.status !== "BUILDING";
          },
          { timeoutMs: 600_000, what: "the image's build" },
        );
        const installing = await rest("POST", "/packages/install", {
          body: { imageId, manager: "pip", packages: ["six==1.16.0"], wait: false },
        });
        expect(installing.status).toBe(200);
        expect(installing.body).toMatchObject({
          manager: "PIP",
          packages: ["six==1.16.0"],
          image: { id: imageId },
          status: expect.stringMatching(/^(QUEUED|RUNNING)$/),
        });
        await server.request("mutation ($id: ID!) { cancelPackageInstallation(id: $id) { status } }", {
          id: installing.body.id,
        });
      } finally {
        await server.request("mutation ($id: ID!) { cancelImageBuild(id: $id) { status } }", { id: imageId });
        await server.request("mutation ($id: ID!) { removeImage(id: $id) }", { id: imageId });
      }
    }, 660_000);

    it("streams a run's events as they happen, and resumes after Last-Event-ID", async () => {
      const code = "import time\nfor i in range(5):\n    print(f'line {i}', flush=True)\n    time.sleep(0.3)";
      const events = await readEvents(await stream("/execute/stream", { body: { language: "python", code } }));
      const chunks = events.filter((event) => event.data.__typename === "LogChunk");
      expect(chunks.map((event) => event.data.data).join("")).toBe("line 0\nline 1\nline 2\nline 3\nline 4\n");
      // Progressive: the last line came about 1.2 s after the first, not all at once.
      expect((chunks.at(-1)?.at ?? 0) - (chunks[0]?.at ?? 0)).toBeGreaterThan(800);
      expect(events.map((event) => event.id)).toEqual(events.map((event) => event.data.seq));
      expect(events.map((event) => event.data.seq)).toEqual(events.map((_, index) => index + 1));
      const last = events.at(-1)?.data;
      expect(last).toMatchObject({ __typename: "StatusChange", status: "SUCCEEDED" });

      const executionId = last?.executionId as string;
      const resumed = await readEvents(
        await stream(`/executions/${executionId}/stream`, { headers: { "last-event-id": "3" } }),
      );
      expect(resumed[0]?.data.seq).toBe(4);
      expect(resumed.map((event) => event.data)).toEqual(events.slice(3).map((event) => event.data));
      const byQuery = await readEvents(await stream(`/executions/${executionId}/stream?afterSeq=5`));
      expect(byQuery[0]?.data.seq).toBe(6);
    }, 60_000);

    it("keeps a run going when its stream's client leaves", async () => {
      const abort = new AbortController();
      const code = "import time\nprint('start', flush=True)\ntime.sleep(1.5)\nprint('done')";
      const seen = await readEvents(
        await stream("/execute/stream", { body: { language: "python", code }, signal: abort.signal }),
        (event) => event.data.__typename === "LogChunk",
      );
      abort.abort();
      const executionId = seen[0]?.data.executionId as string;
      let final: Record<string, unknown> | undefined;
      await waitFor(
        async () => {
          final = (await rest("GET", `/executions/${executionId}`)).body;
          return FINAL_STATUSES.includes(final.status as string);
        },
        { timeoutMs: 30_000, what: "the run its stream's client left" },
      );
      expect(final).toMatchObject({ status: "SUCCEEDED", stdout: "start\ndone\n" });
    }, 60_000);

    it("counts open streams against the principal's cap, REST and WebSocket together", async () => {
      const capped = await startTestServer({ GRAPHQL_WS_MAX_SUBSCRIPTIONS_PER_PRINCIPAL: "1" });
      try {
        const origin = new URL(capped.url).origin;
        const open = (body: unknown) =>
          fetch(`${origin}/execute/stream`, {
            method: "POST",
            headers: { ...capped.authHeaders(), "content-type": "application/json" },
            body: JSON.stringify(body),
          });
        const first = await open({ language: "python", code: "import time; time.sleep(3)" });
        expect(first.status).toBe(200);
        const second = await open({ language: "python", code: "print(1)" });
        expect(second.status).toBe(429);
        expect(((await second.json()) as RestError).error.code).toBe("QUOTA_EXCEEDED");
        await first.body?.cancel();
      } finally {
        await capped.stop();
      }
    }, 60_000);
  });
});
