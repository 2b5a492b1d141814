import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

/** Debian's Chromium; CHROMIUM_PATH points elsewhere when it lives elsewhere. */
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Without the networking flags Chromium calls home, and this machine's closed
// network refuses it many times over.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs });
}

/** The served site's root URL, under the e2e sub-path, ending in "/". */
export function siteUrl(path = ""): string {
  return new URL(path.replace(/^\/+/, ""), inject("baseUrl")).href;
}

/** What went wrong on a page: console errors, failed or foreign requests. */
export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  foreignRequests: string[];
  pageErrors: string[];
}

/** What a page that went well reports: no problem of any kind. */
export const NO_PROBLEMS: PageProblems = {
  consoleErrors: [],
  failedRequests: [],
  foreignRequests: [],
  pageErrors: [],
};

/**
 * Records every console error, uncaught exception, failed request and request
 * to another origin a page makes, so a test can assert there were none.
 */
export function watchPage(page: Page): PageProblems {
  const origin = new URL(inject("baseUrl")).origin;
  const problems: PageProblems = {
    consoleErrors: [],
    failedRequests: [],
    foreignRequests: [],
    pageErrors: [],
  };
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.pageErrors.push(error.message));
  page.on("requestfailed", (request) => {
    problems.failedRequests.push(`${request.url()} (${request.failure()?.errorText ?? "?"})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      problems.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
    }
  });
  page.on("request", (request) => {
    const url = request.url();
    if (/^(data|blob|about):/.test(url)) return;
    if (new URL(url).origin !== origin) problems.foreignRequests.push(url);
  });
  return problems;
}

/** A fresh, isolated browser context (its own storage) with one page. */
export async function newPage(
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  return { context, page, problems: watchPage(page) };
}
