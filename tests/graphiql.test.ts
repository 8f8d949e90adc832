/**
 * GraphiQL in a real browser (Chromium through playwright-core) against the real server: it loads
 * from this server alone, runs what is typed into it, follows a program's output over graphql-ws,
 * and with AUTH=on works on the session cookie that /?token= sets, with no key in the page.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { foreignRequests, useBrowser } from "./support/browser.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const QUERY_EDITOR = ".graphiql-query-editor .monaco-editor";
const RESPONSE = ".graphiql-response";

/** Loads GraphiQL and waits until its query editor is up. */
async function openGraphiQL(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator(QUERY_EDITOR).first().waitFor();
}

/** Replaces the query editor's text with `query`, as typed, and runs it with the run button. */
async function run(page: Page, query: string): Promise<void> {
  await page.locator(QUERY_EDITOR).first().click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  // insertText, not type: Monaco would close each bracket a second time.
  await page.keyboard.insertText(query);
  await page.getByRole("button", { name: /execute query/i }).click();
}

/** The result pane's text (Monaco shows spaces as no-break spaces). */
async function responseText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as shown, one line per line.
  return (await page.locator(RESPONSE).innerText()).replace(/\u00a0/g, " ");
}

/** From now on, every text the result pane shows, in order (GraphiQL shows one event at a time). */
async function recordResponses(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate((selector) => {
    const pane = document.querySelector(selector) as HTMLElement;
    const seen: string[] = [];
    (window as unknown as { seenResponses: string[] }).seenResponses = seen;
    new MutationObserver(() => {
      // biome-ignore lint/performance/useDomNodeTextContent: the text as shown, one line per line (as responseText).
      const text = pane.innerText.replace(/\u00a0/g, " ");
      if (text !== seen.at(-1)) seen.push(text);
    }).observe(pane, { subtree: true, childList: true, characterData: true });
  }, RESPONSE);
  return () => page.evaluate(() => (window as unknown as { seenResponses: string[] }).seenResponses);
}

describe("GraphiQL", () => {
  const browser = useBrowser();

  describe("with AUTH=off", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ AUTH: "off" });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("loads with every request it makes going to this server", async () => {
      const { page, requests, errors } = await browser.openPage();
      const origin = new URL(server.url).origin;
      await openGraphiQL(page, server.url);
      // The schema's introspection is the page's last request at start.
      await page.waitForLoadState("networkidle");
      expect(requests).toContain(server.url);
      expect(requests.some((url) => /\/graphiql\/[0-9a-f]+\/graphiql\.js$/.test(url))).toBe(true);
      expect(foreignRequests(requests, origin)).toEqual([]);
      expect(errors).toEqual([]);
      // Its files are cached: their path changes with their content.
      const script = requests.find((url) => url.endsWith("/graphiql.js")) as string;
      const response = await fetch(script);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toContain("immutable");
      expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    });

    it("runs a query typed into it and shows the result", async () => {
      const { page, requests, errors } = await browser.openPage();
      await openGraphiQL(page, server.url);
      await run(page, "{ health { ok version } }");
      await expect.poll(() => responseText(page)).toContain(`"version": "${VERSION}"`);
      expect(await responseText(page)).toContain('"health"');
      expect(foreignRequests(requests, new URL(server.url).origin)).toEqual([]);
      expect(errors).toEqual([]);
    });

    // Needs the Docker engine (and the sandbox image): the program runs in a container.
    it("shows the lines of a running program as they come, over graphql-ws", async () => {
      const { page, requests, errors } = await browser.openPage();
      // What the page's socket received: every line must reach GraphiQL.
      const received: string[] = [];
      page.on("websocket", (socket) => socket.on("framereceived", ({ payload }) => received.push(String(payload))));
      await openGraphiQL(page, server.url);
      const seen = await recordResponses(page);
      const code = String.raw`import time\nfor i in range(1, 6):\n    time.sleep(0.4)\n    print(f'line {i} of 5', flush=True)`;
      await run(
        page,
        `subscription { run(input: { language: PYTHON, code: "${code}" }) { seq ... on LogChunk { data } ... on StatusChange { status } } }`,
      );
      // The last event is the final status (or the run's refusal, e.g. DOCKER_UNAVAILABLE).
      await expect
        .poll(() => responseText(page), { timeout: 30_000 })
        .toMatch(/"status": "(SUCCEEDED|FAILED|ERROR|TIMED_OUT|OOM_KILLED|CANCELLED)"|"errors"/);
      expect(await responseText(page)).toContain('"status": "SUCCEEDED"');
      for (let line = 1; line <= 5; line++) expect(received.join("\n")).toContain(`line ${line} of 5`);
      // GraphiQL shows one event at a time (the latest), and may skip one its editor had no frame
      // for; the pane showed lines while the run went on, before the final status.
      const shown = await seen();
      const lineShown = shown.findIndex((text) => /line \d of 5/.test(text));
      const finalShown = shown.findIndex((text) => text.includes('"status": "SUCCEEDED"'));
      expect(lineShown).toBeGreaterThanOrEqual(0);
      expect(lineShown).toBeLessThan(finalShown);
      expect(shown.filter((text) => /line \d of 5/.test(text)).length).toBeGreaterThanOrEqual(3);
      expect(requests).toContain(server.url.replace(/^http/, "ws"));
      expect(foreignRequests(requests, new URL(server.url).origin)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });

  describe("with AUTH=on", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ AUTH: "on" });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("sends a browser without a session to the login page", async () => {
      const { page } = await browser.openPage();
      await page.goto(server.url);
      expect(new URL(page.url()).pathname).toBe("/login");
    });

    it("after /?token= runs queries and subscriptions on the session cookie alone", async () => {
      const { page, context, requests, errors } = await browser.openPage();
      const origin = new URL(server.url).origin;
      const withKey: string[] = [];
      context.on("request", (request) => {
        if (request.headers().authorization !== undefined) withKey.push(request.url());
      });
      const sent: string[] = [];
      page.on("websocket", (socket) => socket.on("framesent", ({ payload }) => sent.push(String(payload))));

      await page.goto(`${origin}/?token=${encodeURIComponent(server.adminKey)}`);
      // Redirected to the web console, with the key gone from the address; GraphiQL takes the same session.
      expect(page.url()).toBe(`${origin}/ui/`);
      await page.goto(server.url);
      expect(page.url()).toBe(server.url);
      const cookies = await context.cookies(origin);
      expect(cookies).toEqual([
        expect.objectContaining({ name: `mde_session_${new URL(origin).port}`, httpOnly: true, sameSite: "Strict" }),
      ]);
      await page.locator(QUERY_EDITOR).first().waitFor();

      await run(page, "{ me { name role } }");
      await expect.poll(() => responseText(page)).toContain('"role": "admin"');

      // Answered by a resolver, so the socket was let in on the cookie (a refused one closes with 4403).
      await run(page, 'subscription { executionEvents(id: "nope") { seq } }');
      await expect.poll(() => responseText(page)).toContain('"code": "NOT_FOUND"');
      const init = sent.map((frame) => JSON.parse(frame)).find((message) => message.type === "connection_init");
      expect(init).toBeDefined();
      expect(init.payload ?? {}).toEqual({});

      expect(withKey).toEqual([]);
      expect(requests).toContain(server.url.replace(/^http/, "ws"));
      expect(foreignRequests(requests, origin)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
});
