/** The real server on a free port: health and runtimes over HTTP, with the real Docker engine. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server.js";

describe("server", () => {
  let server: TestServer;
  /** performance.now() before and after the start: the server's own start lies between (same process). */
  let launched: number;
  let ready: number;
  beforeAll(async () => {
    launched = performance.now();
    server = await startTestServer();
    ready = performance.now();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers health with a reachable Docker engine, and an uptime counted from its start", async () => {
    const sent = performance.now();
    const { data, errors } = await server.request<{ health: Record<string, unknown> }>(
      "{ health { ok version uptimeSeconds docker { reachable serverVersion error } } }",
    );
    const received = performance.now();
    expect(errors).toBeUndefined();
    expect(data?.health).toMatchObject({ ok: true, version: "0.1.0", docker: { reachable: true, error: null } });
    expect(data?.health.docker).toHaveProperty("serverVersion", expect.stringMatching(/^\d+\.\d+/));
    // Read between `sent` and `received`, of a start between `launched` and `ready`; and it grows.
    const uptimeMs = (data?.health.uptimeSeconds as number) * 1000;
    expect(uptimeMs).toBeGreaterThanOrEqual(sent - ready);
    expect(uptimeMs).toBeLessThanOrEqual(received - launched);
    const again = await server.request<{ health: { uptimeSeconds: number } }>("{ health { uptimeSeconds } }");
    expect((again.data?.health.uptimeSeconds as number) * 1000).toBeGreaterThan(uptimeMs);
  });

  it("lists the runtimes of every language with versions read from the image", async () => {
    const { data, errors } = await server.request<{ runtimes: Record<string, unknown>[] }>(
      "{ runtimes { language version fileExtension packageManager } }",
    );
    expect(errors).toBeUndefined();
    const byLanguage = Object.fromEntries((data?.runtimes ?? []).map((runtime) => [runtime.language, runtime]));
    expect(Object.keys(byLanguage).sort()).toEqual(["BASH", "CSHARP", "NODE", "PYTHON", "RUBY"]);
    expect(byLanguage.PYTHON).toMatchObject({ fileExtension: ".py", packageManager: "PIP" });
    expect(byLanguage.NODE).toMatchObject({ fileExtension: ".js", packageManager: "NPM" });
    expect(byLanguage.CSHARP).toMatchObject({ fileExtension: ".cs", packageManager: "NUGET" });
    expect(byLanguage.BASH).toMatchObject({ fileExtension: ".sh", packageManager: "APT" });
    // The floors: Python 3.11+, Node.js 22+, .NET SDK 8+, and some Bash.
    const major = (language: string) => Number(String(byLanguage[language]?.version).split(".")[0]);
    const pythonMinor = Number(String(byLanguage.PYTHON?.version).split(".")[1]);
    expect(major("PYTHON")).toBe(3);
    expect(pythonMinor).toBeGreaterThanOrEqual(11);
    expect(major("NODE")).toBeGreaterThanOrEqual(22);
    expect(major("CSHARP")).toBeGreaterThanOrEqual(8);
    expect(major("BASH")).toBeGreaterThanOrEqual(5);
  });

  it("serves GraphiQL at /graphql and readiness at /health", async () => {
    const page = await fetch(server.url, { headers: { accept: "text/html", ...server.authHeaders() } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("graphiql");
    const health = await fetch(new URL("/health", server.url));
    expect(health.status).toBe(200);
  });

  it("refuses a foreign web page, over HTTP and over the WebSocket", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: JSON.stringify({ query: "{ health { ok } }" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const { default: WebSocket } = await import("ws");
    const socket = new WebSocket(server.url.replace(/^http/, "ws"), "graphql-transport-ws", {
      origin: "http://evil.example",
    });
    const refused = await new Promise<boolean>((resolve) => {
      socket.on("open", () => resolve(false));
      socket.on("error", () => resolve(true));
    });
    socket.terminate();
    expect(refused).toBe(true);
  });

  it("answers a query over graphql-ws on the same port and path", async () => {
    const client = server.wsClient();
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: "{ health { docker { reachable } } }" },
          { next: (next) => (value = next), error: reject, complete: () => resolve(value) },
        );
      });
      expect(result).toEqual({ data: { health: { docker: { reachable: true } } } });
    } finally {
      await client.dispose();
    }
  });
});
