/**
 * A real browser for the tests: Debian's chromium driven by playwright-core (Playwright's own
 * browser download needs the internet; scripts/ensure-chromium.sh installs the package). A missing
 * browser fails the tests, never skips them. Every page records each request it makes; a failing
 * test leaves a screenshot of each of its pages in test-results/.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach } from "vitest";

export const CHROMIUM_PATH = "/usr/bin/chromium";
const RESULTS_DIR = fileURLToPath(new URL("../../test-results/", import.meta.url));

export interface RecordedPage {
  page: Page;
  /** The page's own browser context: its cookies and storage, shared with no other page. */
  context: BrowserContext;
  /** Every URL the page and its workers asked for, WebSockets (ws:) included, in order. */
  requests: string[];
  /** What went wrong in the page: uncaught exceptions and console errors (a CSP refusal is one). */
  errors: string[];
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM_PATH}: run scripts/ensure-chromium.sh (it installs Debian's chromium package).`,
    );
  }
  // Chromium refuses to start its sandbox as root (CI runs as root in a container).
  const args = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}

/** Opens a page in a fresh context (no cookies, empty storage) that records its requests and errors. */
export async function openRecordedPage(browser: Browser): Promise<RecordedPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  // The context's requests include those of the page's workers.
  context.on("request", (request) => requests.push(request.url()));
  page.on("websocket", (socket) => requests.push(socket.url()));
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return { page, context, requests, errors };
}

/** The requests that went anywhere but `origin` (its WebSockets count as its own). */
export function foreignRequests(requests: string[], origin: string): string[] {
  const own = new URL(origin);
  return requests.filter((url) => {
    const target = new URL(url);
    const scheme = { "ws:": "http:", "wss:": "https:" }[target.protocol] ?? target.protocol;
    return scheme !== own.protocol || target.host !== own.host;
  });
}

/**
 * One Chromium for the describe block it is called in; the pages a test opens are closed after it,
 * and photographed first when it failed.
 */
export function useBrowser(): { openPage(): Promise<RecordedPage> } {
  // Started by the first page, in the test (not in a beforeAll, whose failure vitest reports as
  // skipped tests): without Chromium, every test that opens a page fails with launchChromium's message.
  let browser: Promise<Browser> | undefined;
  const pages: RecordedPage[] = [];
  afterEach(async ({ task }) => {
    const opened = pages.splice(0);
    if (task.result?.state === "fail") {
      await mkdir(RESULTS_DIR, { recursive: true });
      const file = basename(task.file.name).replace(/\.test\.ts$/, "");
      const name = `${file}-${task.name}`.replace(/[^\w.-]+/g, "-").slice(0, 150);
      await Promise.all(
        opened.map(async ({ page }, index) => {
          const path = join(RESULTS_DIR, `${name}${opened.length > 1 ? `-${index + 1}` : ""}.png`);
          await page.screenshot({ path, fullPage: true }).then(
            () => process.stderr.write(`[browser] screenshot of the failed test: ${path}\n`),
            (error) => process.stderr.write(`[browser] no screenshot of ${page.url()}: ${error}\n`),
          );
        }),
      );
    }
    await Promise.all(opened.map(({ context }) => context.close()));
  });
  afterAll(async () => {
    await (await browser?.catch(() => undefined))?.close();
  });
  return {
    async openPage() {
      browser ??= launchChromium();
      const recorded = await openRecordedPage(await browser);
      pages.push(recorded);
      return recorded;
    },
  };
}
