/**
 * The web console (/ui/) in a real browser (Chromium through playwright-core) against the real
 * server: it loads from this server alone, streams a run's output live, cancels, resumes its
 * streams after the socket drops with no line lost or doubled, replays a finished run at its own
 * URL, handles files and images, logs in through the session cookie only, says what every refusal
 * means, and fits a desktop and a phone screen. The tests under "with Docker" run programs and
 * build images; the others need no Docker engine.
 */
import { mkdir } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foreignRequests, useBrowser } from "./support/browser.js";
import { waitForOutput } from "./support/graphql-helpers.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const SCREENSHOT = new URL("../docs/run-view.png", import.meta.url).pathname;

const originOf = (server: TestServer) => new URL(server.url).origin;

/** Opens a console page and waits until its view is up. */
async function openConsole(page: Page, server: TestServer, path = "/ui/"): Promise<void> {
  await page.goto(originOf(server) + path);
  await page.locator("main h1").first().waitFor();
}

/** Replaces the editor's text with `code`, as typed. */
async function setCode(page: Page, code: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: "Code" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
  await expect
    // biome-ignore lint/performance/useDomNodeTextContent: CodeMirror's lines are elements; innerText joins them with line breaks.
    .poll(() => editor.evaluate((element) => (element as HTMLElement).innerText.trim()))
    .toBe(code.trim());
}

// biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as shown.
const outputText = (page: Page, name = "Output") => page.getByRole("log", { name }).first().innerText();
const statusText = (page: Page) => page.getByRole("status", { name: "Execution status" }).first().textContent();

/** Records every WebSocket the page opens, so a test can drop them (see dropSockets). */
async function recordSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const sockets: WebSocket[] = [];
    (window as unknown as { testSockets: WebSocket[] }).testSockets = sockets;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    };
  });
}

const openSocketCount = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { testSockets: WebSocket[] }).testSockets.filter(
        (socket) => socket.readyState === WebSocket.OPEN,
      ).length,
  );

/** How many of the sockets the page made from the `since`-th on have closed: offline, reconnects that failed. */
const closedSocketsSince = (page: Page, since: number) =>
  page.evaluate(
    (first) =>
      (window as unknown as { testSockets: WebSocket[] }).testSockets
        .slice(first)
        .filter((socket) => socket.readyState === WebSocket.CLOSED).length,
    since,
  );

/** How many sockets the page has made so far. */
const socketCount = (page: Page) =>
  page.evaluate(() => (window as unknown as { testSockets: WebSocket[] }).testSockets.length);

/** Takes the page off the network and closes its open sockets, as a dropped connection would. */
async function dropSockets(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.evaluate(() => {
    for (const socket of (window as unknown as { testSockets: WebSocket[] }).testSockets) {
      if (socket.readyState === WebSocket.OPEN) socket.close(3000, "test: connection dropped");
    }
  });
}

const VIEWS = ["/ui/", "/ui/executions", "/ui/images", "/ui/files"];

/**
 * Every visible control whose box leaves the viewport sideways, described. What a scrolling
 * ancestor clips (the editor's long lines, inside its own scroller) counts as where it is shown.
 */
async function overflowingControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const controls = document.querySelectorAll(
      "a, button, input, select, textarea, summary, [role=textbox], [role=log], .editor",
    );
    for (const control of controls) {
      const rect = control.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      const box = { left: rect.left, right: rect.right };
      for (let parent = control.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX === "visible") continue;
        const clip = parent.getBoundingClientRect();
        box.left = Math.max(box.left, clip.left);
        box.right = Math.min(box.right, clip.right);
      }
      if (box.left < -0.5 || box.right > width + 0.5) {
        const name = control.getAttribute("aria-label") ?? control.textContent?.trim().slice(0, 40) ?? "";
        found.push(`${control.tagName.toLowerCase()} "${name}" spans ${box.left}..${box.right} of ${width}`);
      }
    }
    if (document.documentElement.scrollWidth > width + 0.5) {
      found.push(`the page is ${document.documentElement.scrollWidth} px wide, the viewport ${width}`);
    }
    return found;
  });
}

describe("web console", () => {
  const browser = useBrowser();

  describe("without Docker", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ AUTH: "off" });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("is served under /ui/ from this server alone: hashed assets cached for good, the page never", async () => {
      const origin = originOf(server);
      const home = await fetch(`${origin}/`, { redirect: "manual" });
      expect(home.status).toBe(303);
      expect(home.headers.get("location")).toBe("/ui/");
      const bare = await fetch(`${origin}/ui`, { redirect: "manual" });
      expect(bare.headers.get("location")).toBe("/ui/");

      const { page, requests, errors } = await browser.openPage();
      await openConsole(page, server);
      await page.waitForLoadState("networkidle");
      expect(foreignRequests(requests, origin)).toEqual([]);
      expect(errors).toEqual([]);
      const script = requests.find((url) => /\/ui\/assets\/[^/]+\.js$/.test(url)) as string;
      expect(script).toBeDefined();
      const asset = await fetch(script);
      expect(asset.headers.get("cache-control")).toContain("immutable");
      expect(asset.headers.get("content-type")).toMatch(/^text\/javascript/);
      const index = await fetch(`${origin}/ui/`);
      expect(index.headers.get("cache-control")).toContain("no-cache");
      expect(index.headers.get("content-security-policy")).toContain("default-src 'none'");
      // A client-side route is the page itself, so a reload or a shared link works; a missing asset is not.
      const route = await fetch(`${origin}/ui/executions/some-id`);
      expect(route.status).toBe(200);
      expect(await route.text()).toBe(await index.text());
      expect((await fetch(`${origin}/ui/assets/gone-0000.js`)).status).toBe(404);
      // The socket opened, to this server.
      expect(requests).toContain(`${origin.replace(/^http/, "ws")}/graphql`);
    });

    it("lists the runtimes in the language picker and has every control labelled", async () => {
      const { page } = await browser.openPage();
      await openConsole(page, server);
      const picker = page.getByRole("combobox", { name: "Language" });
      await expect
        .poll(() => picker.locator("option").allTextContents())
        .toEqual(expect.arrayContaining([expect.stringMatching(/^Python/), expect.stringMatching(/^Bash/)]));
      // The editor takes typed code as it is (no auto-indent or bracket doubling), and highlights it.
      await setCode(page, 'import sys\nfor i in range(3):\n    print(f"{i}", file=sys.stderr)\n');
      expect(await page.locator(".cm-content span[class]").count()).toBeGreaterThan(0);
      // Another language keeps what was typed.
      await page.getByRole("combobox", { name: "Language" }).selectOption("BASH");
      expect(await page.getByRole("textbox", { name: "Code" }).textContent()).toContain("range(3)");
      await page.getByText("Advanced").click();
      for (const name of ["Standard input", "Arguments (one per line)", "Timeout (ms)", "Memory (MiB)", "Network"]) {
        // Not exact: a select's accessible name includes its chosen option.
        await expect(page.getByLabel(name).count()).resolves.toBe(1);
      }
      await expect(page.getByRole("button", { name: "Run" }).isEnabled()).resolves.toBe(true);
      await expect(page.getByRole("button", { name: "Cancel" }).isDisabled()).resolves.toBe(true);
      // Escape closes the disclosure again.
      await page.getByLabel("Standard input").focus();
      await page.keyboard.press("Escape");
      await expect
        .poll(() => page.locator("details.advanced").evaluate((element) => (element as HTMLDetailsElement).open))
        .toBe(false);
    });

    it("says what a refusal means: BAD_USER_INPUT for a bad limit, NOT_FOUND for an unknown execution", async () => {
      const { page } = await browser.openPage();
      await openConsole(page, server);
      await page.getByText("Advanced").click();
      await page.getByLabel("Timeout (ms)").fill("0");
      await page.getByRole("button", { name: "Run" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "BAD_USER_INPUT" });
      await alert.waitFor();
      expect(await alert.textContent()).toContain("timeoutMs");

      await openConsole(page, server, "/ui/executions/no-such-execution");
      await page.getByRole("alert").filter({ hasText: "NOT_FOUND" }).first().waitFor();
    });

    it("uploads a picked file, lists it with the stats, shows it, and deletes it", async () => {
      const { page, errors } = await browser.openPage();
      await openConsole(page, server, "/ui/files");
      const name = `hello-${Date.now()}.py`;
      await page.getByLabel("Upload files (or drop them here)").setInputFiles({
        name,
        mimeType: "text/x-python",
        buffer: Buffer.from("print('Hello from a stored file!')\n"),
      });
      const list = page.getByRole("list", { name: "Stored files" });
      await list.getByText(name).waitFor();
      await page.getByText(/Stored: \d+ files?, \d+ bytes \(.*Python: \d+/).waitFor();
      await page.getByRole("button", { name: `View ${name}` }).click();
      const content = page.getByRole("region", { name: `Content of ${name}` });
      await content.getByText("print('Hello from a stored file!')").waitFor();
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: `View ${name}` }).click();
      await page.getByRole("button", { name: `Delete ${name}` }).click();
      await list.getByText(name).waitFor({ state: "detached" });
      await content.waitFor({ state: "detached" });
      expect(errors).toEqual([]);
    });

    it("shows a banner while its socket is down, and drops it once reconnected", async () => {
      const { page } = await browser.openPage();
      await recordSockets(page);
      await openConsole(page, server);
      await expect.poll(() => openSocketCount(page)).toBe(1);
      const banner = page.getByRole("alert").filter({ hasText: "Connection to the server lost" });
      const before = await socketCount(page);
      await dropSockets(page);
      await banner.waitFor();
      // It stays up through reconnects that fail: two have, so the first one's effect is shown.
      await expect.poll(() => closedSocketsSince(page, before), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      expect(await banner.isVisible()).toBe(true);
      await page.context().setOffline(false);
      await banner.waitFor({ state: "detached", timeout: 10_000 });
      await expect.poll(() => openSocketCount(page)).toBe(1);
    });

    it("fits every view at 1280×800 and 390×844: no control leaves the viewport", async () => {
      const { page } = await browser.openPage();
      for (const size of [
        { width: 1280, height: 800 },
        { width: 390, height: 844 },
      ]) {
        await page.setViewportSize(size);
        for (const path of VIEWS) {
          await openConsole(page, server, path);
          await page.waitForLoadState("networkidle");
          if (path === "/ui/") await page.getByText("Advanced").click();
          expect(await overflowingControls(page), `${path} at ${size.width}×${size.height}`).toEqual([]);
        }
      }
    });
  });

  describe("without Docker, with AUTH=on", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ AUTH: "on" });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("asks for a key, refuses a wrong one, lets a right one in, keeps the session on reload, and stores no key", async () => {
      const { page, context, requests, errors } = await browser.openPage();
      const origin = originOf(server);
      await page.goto(`${origin}/ui/`);
      expect(new URL(page.url()).pathname).toBe("/login");
      await page.getByLabel("API key").fill("mde_wrong");
      await page.getByRole("button", { name: "Log in" }).click();
      await page.getByRole("alert").filter({ hasText: "UNAUTHENTICATED" }).waitFor();

      await page.getByLabel("API key").fill(server.adminKey);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.getByRole("heading", { name: "Run code" }).waitFor();
      expect(page.url()).toBe(`${origin}/ui/`);
      await page.reload();
      await page.getByRole("heading", { name: "Run code" }).waitFor();
      // The page's own requests went through on the cookie: the languages filled the picker.
      await expect
        .poll(() => page.getByRole("combobox", { name: "Language" }).locator("option").count())
        .toBeGreaterThan(0);

      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
      expect(stored).toBe("{}");
      expect(await page.content()).not.toContain(server.adminKey);
      const cookies = await context.cookies(origin);
      expect(cookies).toEqual([expect.objectContaining({ httpOnly: true, sameSite: "Strict" })]);
      expect(foreignRequests(requests, origin)).toEqual([]);
      // The wrong key's 401 is the login page's answer, not a page error.
      expect(errors.filter((error) => !error.includes("401"))).toEqual([]);
    });

    it("returns a logged-out browser to the console page it asked for, and /?token= lands on the console", async () => {
      const { page } = await browser.openPage();
      const origin = originOf(server);
      await page.goto(`${origin}/ui/executions/no-such-execution`);
      expect(new URL(page.url()).pathname).toBe("/login");
      await page.getByLabel("API key").fill(server.adminKey);
      await page.getByRole("button", { name: "Log in" }).click();
      await page.getByRole("alert").filter({ hasText: "NOT_FOUND" }).first().waitFor();
      expect(page.url()).toBe(`${origin}/ui/executions/no-such-execution`);

      const other = await browser.openPage();
      await other.page.goto(`${origin}/?token=${encodeURIComponent(server.adminKey)}`);
      expect(other.page.url()).toBe(`${origin}/ui/`);
      await other.page.getByRole("heading", { name: "Run code" }).waitFor();
    });
  });

  describe("with Docker", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ AUTH: "off" });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("streams a run's output live, and ends SUCCEEDED with exit code 0", async () => {
      const { page, errors } = await browser.openPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await openConsole(page, server);
      await setCode(
        page,
        'import sys, time\nfor i in range(1, 6):\n    print(f"line {i} of 5", flush=True)\n    if i == 2:\n        print("\\033[33mwarning\\033[0m on stderr", file=sys.stderr, flush=True)\n    time.sleep(0.3)\n',
      );
      await page.keyboard.press("ControlOrMeta+Enter");
      // The first line shows while the run goes on, before the last is printed (1.2 s later).
      await page.waitForFunction(
        () => document.querySelector("[role=log]")?.textContent?.includes("line 1 of 5"),
        null,
        {
          polling: 20,
          timeout: 30_000,
        },
      );
      const early = await outputText(page);
      expect(await statusText(page)).toBe("RUNNING");
      expect(early).not.toContain("line 5 of 5");
      await page.waitForFunction(
        () => document.querySelector("[role=log]")?.textContent?.includes("line 3 of 5"),
        null,
        {
          polling: 20,
        },
      );
      // While it runs, a live sparkline of its memory and CPU (samples about every 250 ms).
      await page.getByRole("img", { name: /^Memory and CPU over time/ }).waitFor({ timeout: 10_000 });
      if ((await statusText(page)) === "RUNNING") {
        await mkdir(new URL("../docs/", import.meta.url), { recursive: true });
        await page.screenshot({ path: SCREENSHOT });
      }
      await expect.poll(() => statusText(page), { timeout: 30_000 }).toBe("SUCCEEDED");
      const output = await outputText(page);
      for (let line = 1; line <= 5; line++) expect(output).toContain(`line ${line} of 5`);
      await page.getByText("Exit code: 0").waitFor();
      await page.getByText(/Duration: \d+ ms/).waitFor();
      // Once it has ended, what it used.
      const usage = page.getByRole("definition").filter({ hasText: /MiB$/ }).first();
      await usage.waitFor();
      expect(await page.locator("dl[aria-label='Resource usage']").textContent()).toMatch(
        /Peak memory\s*\d+\.\d MiB.*CPU time\s*\d+ ms.*Processes\s*\d+/,
      );
      // Stderr apart, with its colour rendered from the ANSI escape.
      const stderr = page.locator(".stream.stderr");
      expect(await stderr.textContent()).toContain("warning on stderr");
      expect(await stderr.locator(".ansi-yellow-fg").textContent()).toBe("warning");
      expect(errors).toEqual([]);
    });

    it("cancels a 30 s sleep and shows CANCELLED within 2 s", async () => {
      const { page } = await browser.openPage();
      await openConsole(page, server);
      await setCode(page, "import time\nprint('sleeping', flush=True)\ntime.sleep(30)\n");
      await page.getByRole("button", { name: "Run" }).click();
      await page.waitForFunction(() => document.querySelector("[role=log]")?.textContent?.includes("sleeping"), null, {
        timeout: 30_000,
      });
      expect(await statusText(page)).toBe("RUNNING");
      const started = performance.now();
      await page.getByRole("button", { name: "Cancel" }).click();
      // The bound is the point: CANCELLED shows within 2 s of the click.
      await expect.poll(() => statusText(page), { timeout: 2_000, interval: 50 }).toBe("CANCELLED");
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it("resumes the stream after its socket drops: lines 1 to 20 each shown once", async () => {
      const { page } = await browser.openPage();
      await recordSockets(page);
      await openConsole(page, server);
      await setCode(
        page,
        'import time\nfor i in range(1, 21):\n    print(f"number {i:02d}", flush=True)\n    time.sleep(0.25)\n',
      );
      await page.getByRole("button", { name: "Run" }).click();
      await page.waitForFunction(() => document.querySelector("[role=log]")?.textContent?.includes("number 03"), null, {
        timeout: 30_000,
      });
      await dropSockets(page);
      await page.getByRole("alert").filter({ hasText: "Connection to the server lost" }).waitFor();
      // Lines keep coming on the server while the page is cut off: wait until two it never got
      // have, so the resume must replay them. The newest execution is this run.
      const shown = ((await outputText(page)).match(/number \d\d/g) ?? []).length;
      const missed = `number ${String(Math.min(shown + 2, 20)).padStart(2, "0")}`;
      const latest = await server.request<{ executions: { edges: { node: { id: string } }[] } }>(
        "{ executions(first: 1) { edges { node { id } } } }",
      );
      await waitForOutput(server, latest.data?.executions.edges[0]?.node.id as string, {
        until: (output) => output.includes(missed),
        what: `the run to print ${missed} while the page is offline`,
      });
      await page.context().setOffline(false);
      await expect.poll(() => statusText(page), { timeout: 30_000 }).toBe("SUCCEEDED");
      const numbers = (await outputText(page)).match(/number \d\d/g) ?? [];
      expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => `number ${String(index + 1).padStart(2, "0")}`));
      await page.getByRole("alert").filter({ hasText: "Connection to the server lost" }).waitFor({ state: "detached" });
    });

    it("loads /ui/executions/ID of a finished run cold, with its whole output and status", async () => {
      const ran = await server.request<{ execute: { id: string; status: string } }>(
        "mutation ($input: ExecuteInput!) { execute(input: $input) { id status } }",
        {
          input: {
            language: "BASH",
            code: 'for i in 1 2 3 4 5 6; do echo "row $i"; done; echo "oops" >&2; exit 3',
          },
        },
      );
      const id = ran.data?.execute.id as string;
      expect(ran.data?.execute.status).toBe("FAILED");
      const { page } = await browser.openPage();
      await openConsole(page, server, `/ui/executions/${id}`);
      await expect.poll(() => statusText(page), { timeout: 10_000 }).toBe("FAILED");
      const output = await outputText(page);
      for (let row = 1; row <= 6; row++) expect(output).toContain(`row ${row}`);
      expect(await page.locator(".stream.stderr").textContent()).toContain("oops");
      await page.getByText("Exit code: 3").waitFor();
      // It is listed in the history, and its link leads back here.
      await openConsole(page, server, "/ui/executions");
      await page.getByRole("list", { name: "Execution history" }).getByText(id).click();
      await page.waitForURL(`**/ui/executions/${id}`);
      await expect.poll(() => statusText(page)).toBe("FAILED");
    });

    it("runs an uploaded file and shows its output, then deletes it", async () => {
      const { page } = await browser.openPage();
      await openConsole(page, server, "/ui/files");
      const name = `run-me-${Date.now()}.py`;
      await page.getByLabel("Upload files (or drop them here)").setInputFiles({
        name,
        mimeType: "text/x-python",
        buffer: Buffer.from("print('Hello from a stored file!')\n"),
      });
      await page.getByRole("button", { name: `Run ${name}` }).click();
      const run = page.getByRole("region", { name: `Run of ${name}` });
      await expect
        .poll(() => run.getByRole("status", { name: "Execution status" }).textContent(), { timeout: 30_000 })
        .toBe("SUCCEEDED");
      expect(await run.getByRole("log", { name: "Output" }).textContent()).toContain("Hello from a stored file!");
      await page.getByRole("button", { name: `Delete ${name}` }).click();
      await page.getByRole("list", { name: "Stored files" }).getByText(name).waitFor({ state: "detached" });
    });

    it("creates an image and shows its build log arriving while it is BUILDING", async () => {
      const { page } = await browser.openPage();
      await openConsole(page, server, "/ui/images");
      const name = `console-test-${Date.now()}`;
      await page.getByLabel("Image name").fill(name);
      await page.getByRole("checkbox", { name: "Python" }).uncheck();
      await page.getByRole("checkbox", { name: "Bash" }).check();
      // A line of the log is shown while the build still runs. A build whose layers another test
      // left in the engine's cache takes a second, so every DOM change is watched, not sampled.
      await page.evaluate(() => {
        const seen = window as unknown as { logWhileBuilding?: boolean };
        new MutationObserver(() => {
          const status = document.querySelector("[aria-label='Build status']")?.textContent;
          const lines = document.querySelectorAll("[aria-label='Build log'] div").length;
          if (status === "BUILDING" && lines > 0) seen.logWhileBuilding = true;
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      await page.getByRole("button", { name: "Create image" }).click();
      await page.waitForFunction(
        () => (window as unknown as { logWhileBuilding?: boolean }).logWhileBuilding === true,
        null,
        {
          timeout: 120_000,
        },
      );
      const status = page.getByRole("status", { name: "Build status" });
      await expect.poll(() => status.textContent(), { timeout: 600_000, interval: 1000 }).toMatch(/SUCCEEDED|FAILED/);
      expect(await status.textContent()).toBe("SUCCEEDED");
      await page.getByRole("list", { name: "Images" }).getByText(name, { exact: true }).first().waitFor();
      const { data } = await server.request<{ images: { id: string; name: string }[] }>("{ images { id name } }");
      const made = data?.images.find((image) => image.name === name);
      if (made) await server.request("mutation ($id: ID!) { removeImage(id: $id) }", { id: made.id });
    }, 660_000);
  });
});
