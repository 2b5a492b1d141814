import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newPage, siteUrl } from "./browser";
import { cellOf, run } from "./notebookHelpers";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("search", () => {
  test("'/' opens it, results load from the sub-path and link to the lesson", async () => {
    const { context, page, problems } = await newPage(browser);
    await page.goto(siteUrl("lessons/cost-spike-loop/"));
    const searchRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/pagefind/")) searchRequests.push(request.url());
    });
    expect(searchRequests).toEqual([]);

    await page.keyboard.press("/");
    const input = page.locator("[data-search-input]");
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await input.fill("arithmetic");
    const firstHit = page.locator(".search-results a.search-hit-title").first();
    await firstHit.waitFor();
    const href = await firstHit.getAttribute("href");
    expect(href?.startsWith(new URL(siteUrl()).pathname)).toBe(true);
    expect(searchRequests.length).toBeGreaterThan(0);
    for (const url of searchRequests) expect(url.startsWith(siteUrl("pagefind/"))).toBe(true);
    await expect(page.locator(".search-results mark").count()).resolves.toBeGreaterThan(0);

    await page.keyboard.press("Escape");
    await expect(page.locator("[data-search-dialog]").getAttribute("open")).resolves.toBeNull();
    await page.keyboard.press("Control+k");
    await expect(page.locator("[data-search-dialog]").getAttribute("open")).resolves.toBe("");
    await page.keyboard.press("Escape");
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await context.close();
  });

  test("a word found only in a section links to that section's heading", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl());
    await page.locator("[data-search-open]").click();
    await page.locator("[data-search-input]").fill("provider");
    const section = page.locator(".search-results ul a").first();
    await section.waitFor();
    const href = (await section.getAttribute("href")) ?? "";
    expect(href).toMatch(/#[\w-]+$/);
    await section.click();
    await page.waitForURL((url) => url.hash !== "");
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    await expect(page.locator(`[id="${id}"]`).count()).resolves.toBe(1);
    await context.close();
  });
});

describe("themes", () => {
  test("the toggle cycles system, light, dark, and the choice survives a reload", async () => {
    const { context, page } = await newPage(browser, { colorScheme: "light" });
    await page.goto(siteUrl());
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? "system");
    const background = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await expect(theme()).resolves.toBe("system");
    const lightBackground = await background();

    await page.locator("[data-theme-toggle]").click();
    await expect(theme()).resolves.toBe("light");
    await page.locator("[data-theme-toggle]").click();
    await expect(theme()).resolves.toBe("dark");
    expect(await background()).not.toBe(lightBackground);

    // The saved theme must be on <html> before any stylesheet paints.
    await page.reload({ waitUntil: "commit" });
    await page.waitForSelector("html[data-theme]", { state: "attached" });
    await expect(theme()).resolves.toBe("dark");
    await context.close();
  });

  test("with storage disabled the toggle still works for the page", async () => {
    const { context, page, problems } = await newPage(browser);
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("disabled", "SecurityError");
        },
      });
    });
    await page.goto(siteUrl());
    await page.locator("[data-theme-toggle]").click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(
      "light",
    );
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});

describe("lesson page chrome", () => {
  test("section headings carry anchors that resolve, and code blocks a copy button", async () => {
    const { context, page } = await newPage(browser, {
      permissions: ["clipboard-read", "clipboard-write"],
    });
    await page.goto(siteUrl("lessons/cost-spike-loop/"));
    const anchors = await page.$$eval(".lesson-body .heading-anchor", (links) =>
      links.map((link) => (link as HTMLAnchorElement).hash),
    );
    expect(anchors.length).toBeGreaterThan(0);
    for (const hash of anchors) {
      await expect(page.locator(`[id="${hash.slice(1)}"]`).count()).resolves.toBe(1);
    }
    const copy = page.locator(".lesson-body pre .copy-code").first();
    const code = await page
      .locator(".lesson-body pre:has(.copy-code) code")
      .first()
      .evaluate((element) => element.textContent);
    await copy.click();
    await expect(copy.textContent()).resolves.toBe("Copied");
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(code);
    await context.close();
  });
});

describe("offline reading", () => {
  test("after a first visit, pages, search and snippet runs work with the network gone", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl());
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Big files (the compiler's wasm) are cached after activation.
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const keys = await caches.keys();
            const cache = await caches.open(keys.find((key) => key.startsWith("crux-"))!);
            const urls = (await cache.keys()).map((request) => request.url);
            return urls.some((url) => url.endsWith(".wasm"));
          }),
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.reload();
    await expect(page.evaluate(() => navigator.serviceWorker.controller !== null)).resolves.toBe(
      true,
    );

    await context.setOffline(true);
    await page.goto(siteUrl("lessons/cost-spike-loop/"));
    await expect(page.locator("h1").textContent()).resolves.toBe("The cost-spike loop");
    await page.locator("[data-search-open]").click();
    await page.locator("[data-search-input]").fill("arithmetic");
    await page.locator(".search-results a.search-hit-title").first().waitFor();
    await page.keyboard.press("Escape");

    // The notebook too: the compiler, the sandbox and the run need no network.
    const cell = cellOf(page, "first-bill");
    await cell.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () =>
        !document
          .querySelector('astro-island:has([data-snippet="first-bill"])')
          ?.hasAttribute("ssr"),
    );
    await expect(run(cell, 30_000)).resolves.toBe("ok");

    await context.setOffline(false);
    await context.close();
  });
});
