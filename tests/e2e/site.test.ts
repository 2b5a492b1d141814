import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readdirSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeServiceWorker } from "../../scripts/serviceWorker.mjs";
import { startServer } from "../../scripts/serve.mjs";
import { launchBrowser, newPage, siteUrl } from "./browser";
import { E2E_BASE, OUT_DIR } from "./globalSetup";
import { cellOf, openEditor, openLesson, run } from "./notebookHelpers";

/** Every lesson of the e2e build, as its path under the base. */
const lessons = readdirSync(`${OUT_DIR}/lessons`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `lessons/${entry.name}/`)
  .sort();

function searchIsOpen(page: Page): Promise<boolean> {
  return page
    .locator("[data-search-dialog]")
    .evaluate((dialog) => (dialog as HTMLDialogElement).open);
}

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

describe("search indexes snippet code and leaves page chrome out", () => {
  test("a name that appears only in a snippet's code finds that snippet's lesson", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl());
    await page.locator("[data-search-open]").click();
    // `lifetimeMinutes` is written only in content/snippets/prompt-caching/idle-gaps.ts.
    await page.locator("[data-search-input]").fill("lifetimeMinutes");
    const firstHit = page.locator(".search-results a.search-hit-title").first();
    await firstHit.waitFor();
    await expect(firstHit.getAttribute("href")).resolves.toMatch(/lessons\/prompt-caching\/$/);
    await context.close();
  });

  test("excerpts beside snippet cells hold no button labels or run hints", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl());
    await page.locator("[data-search-open]").click();
    // A snippet's caption sits right before its Run, Edit and Copy buttons.
    const caption = await page.evaluate(async (url) => {
      const html = await (await fetch(url)).text();
      return /<h3 class="notebook-title">([^<]+)</.exec(html)?.[1] ?? "";
    }, siteUrl(lessons[0]));
    expect(caption).not.toBe("");
    await page.locator("[data-search-input]").fill(caption);
    await page.locator(".search-results a.search-hit-title").first().waitFor();
    const excerpts = await page.locator(".search-results p").allInnerTexts();
    expect(excerpts.length).toBeGreaterThan(0);
    for (const excerpt of excerpts) {
      expect(excerpt).not.toMatch(/Run\s*Edit\s*Copy|Not run yet|Press Run|Ctrl\s*\+\s*Enter/);
    }
    await context.close();
  });
});

describe("search shortcuts", () => {
  test("'/' opens search from a radio button, but types into a text field", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl("lessons/cost-spike-loop/"));
    const radio = page.locator("[data-quiz] input[type=radio]").first();
    await radio.focus();
    await page.keyboard.press("/");
    await expect(searchIsOpen(page)).resolves.toBe(true);
    await page.keyboard.press("Escape");

    // The lesson's text fields (predictions) keep their "/".
    const field = page.locator(".predict input");
    await field.first().scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => document.querySelector("astro-island:has(.predict)")?.hasAttribute("ssr") === false,
    );
    await field.first().focus();
    await page.keyboard.press("/");
    await expect(searchIsOpen(page)).resolves.toBe(false);
    await context.close();
  });

  test("Ctrl+K inside the code editor is left to the editor", async () => {
    const { context, page } = await newPage(browser);
    const cell = await openLesson(page);
    await openEditor(cell);
    await cell.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Control+k");
    await expect(searchIsOpen(page)).resolves.toBe(false);
    // Outside the editor the same keys open search.
    await page.locator("h1").click();
    await page.keyboard.press("Control+k");
    await expect(searchIsOpen(page)).resolves.toBe(true);
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
  test.each(lessons)("%s: section headings carry anchors that resolve", async (path) => {
    // The anchors are in the HTML: they are there without JavaScript too.
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(siteUrl(path));
    const anchors = await page.$$eval(".lesson-body .heading-anchor", (links) =>
      links.map((link) => (link as HTMLAnchorElement).hash),
    );
    const headings = await page.locator(".lesson-body h2[id]").count();
    expect(anchors.length).toBeGreaterThanOrEqual(headings);
    expect(headings).toBeGreaterThan(0);
    for (const hash of anchors) {
      await expect(page.locator(`[id="${hash.slice(1)}"]`).count()).resolves.toBe(1);
    }
    await context.close();
  });

  test("code blocks carry a copy button", async () => {
    const { context, page } = await newPage(browser, {
      permissions: ["clipboard-read", "clipboard-write"],
    });
    await page.goto(siteUrl("lessons/cost-spike-loop/"));
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

describe("printing", () => {
  test("a dark-theme reader prints dark on white, deep dives open, no chrome, nothing clipped", async () => {
    // About the width of an A4 page's text at 96 dpi.
    const { context, page } = await newPage(browser, {
      colorScheme: "dark",
      viewport: { width: 700, height: 1000 },
    });
    await page.addInitScript(() => localStorage.setItem("crux:theme", "dark"));
    await page.goto(siteUrl("lessons/prompt-caching/"));
    const deepDive = page.locator("details.deep-dive").first();
    await expect(deepDive.evaluate((el) => (el as HTMLDetailsElement).open)).resolves.toBe(false);
    const body = deepDive.locator(":scope > :not(summary)").first();
    await expect(body.isVisible()).resolves.toBe(false);

    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    // The print stylesheet alone opens it (::details-content), as in a
    // browser that prints without firing beforeprint...
    await expect(body.isVisible()).resolves.toBe(true);
    // ...and the layout opens it for the others.
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await expect(body.isVisible()).resolves.toBe(true);
    await expect(deepDive.evaluate((el) => (el as HTMLDetailsElement).open)).resolves.toBe(true);

    const colours = await page.evaluate(() => {
      const luminance = (colour: string): number => {
        const [r, g, b] = (colour.match(/[\d.]+/g) ?? ["0", "0", "0"]).map(Number);
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      };
      const text = document.querySelector(".lesson-body p")!;
      const code = document.querySelector(".notebook-highlighted span")!;
      return {
        page: luminance(getComputedStyle(document.documentElement).backgroundColor),
        text: luminance(getComputedStyle(text).color),
        code: luminance(getComputedStyle(code).color),
      };
    });
    expect(colours.page).toBeGreaterThan(0.9);
    expect(colours.text).toBeLessThan(0.3);
    expect(colours.code).toBeLessThan(0.5);

    await expect(page.locator("[data-search-open]").isVisible()).resolves.toBe(false);
    await expect(page.locator("[data-theme-toggle]").isVisible()).resolves.toBe(false);
    const clipped = await page.$$eval(".lesson-body :is(pre, table)", (elements) =>
      elements
        .filter((element) => element.scrollWidth > element.clientWidth + 1)
        .map((element) => element.outerHTML.slice(0, 80)),
    );
    expect(clipped).toEqual([]);

    // Back on screen, the deep dive folds again.
    await page.emulateMedia({ media: "screen" });
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    await expect(deepDive.evaluate((el) => (el as HTMLDetailsElement).open)).resolves.toBe(false);
    await context.close();
  });
});

/** The files sw.js caches after activation that its cache does not hold yet. */
async function uncachedLazyFiles(): Promise<string[]> {
  const source = await (await fetch("sw.js")).text();
  const lazy = JSON.parse(/const LAZY = (.*);/.exec(source)?.[1] ?? "[]") as string[];
  const keys = await caches.keys();
  const name = keys.find((key) => key.startsWith("crux-"));
  if (!name) return lazy;
  const cache = await caches.open(name);
  const missing: string[] = [];
  for (const url of lazy) if (!(await cache.match(url))) missing.push(url);
  return missing;
}

describe("offline reading", () => {
  test("after a first visit, pages, search and snippet runs work with the network gone", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl());
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Big files (the compiler's wasm) and the search index are cached after
    // activation: wait for every one the worker lists.
    await expect.poll(() => page.evaluate(uncachedLazyFiles), { timeout: 60_000 }).toEqual([]);
    await page.reload();
    await expect(page.evaluate(() => navigator.serviceWorker.controller !== null)).resolves.toBe(
      true,
    );

    await context.setOffline(true);
    await page.goto(siteUrl("lessons/per-token-arithmetic/"));
    await expect(page.locator("h1").textContent()).resolves.toBe("Per-token arithmetic");
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

  test("offline, an address the worker has not saved gets an offline page, not a 404", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl());
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await context.setOffline(true);
    const response = await page.goto(siteUrl("lessons/never-saved/"));
    expect(response?.status()).toBe(503);
    await expect(page.locator("h1").textContent()).resolves.toBe(
      "You are offline, and this page was not saved yet",
    );
    await expect(page.locator("main").textContent()).resolves.not.toContain("no page at this");
    await context.setOffline(false);
    await context.close();
  });
});

/** Stops a server at once, keep-alive connections too, so its port is free. */
function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe("a new build", () => {
  test("is what a reader with the old worker sees online, and the old cache goes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crux-rebuilt-"));
    const { context, page } = await newPage(browser);
    let served = await startServer({ dir: OUT_DIR, base: E2E_BASE, port: 0 });
    try {
      // The rebuilt site: one lesson's heading changed, and sw.js regenerated.
      await cp(OUT_DIR, dir, { recursive: true });
      const lessonFile = join(dir, "lessons/cost-spike-loop/index.html");
      const html = await readFile(lessonFile, "utf8");
      const changed = html.replace("<h1>The cost-spike loop</h1>", "<h1>Rebuilt loop</h1>");
      expect(changed).not.toBe(html);
      await writeFile(lessonFile, changed);
      const rebuilt = await writeServiceWorker(dir, E2E_BASE, "scripts/sw-template.js");

      const lesson = new URL("lessons/cost-spike-loop/", served.url).href;
      await page.goto(lesson);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.reload();
      await expect(page.evaluate(() => navigator.serviceWorker.controller !== null)).resolves.toBe(
        true,
      );
      const oldCaches = await page.evaluate(() => caches.keys());
      expect(oldCaches).toHaveLength(1);
      expect(oldCaches[0]).not.toBe(`crux-${rebuilt.version}`);

      // Same origin and path, new files: the next load must show them.
      const port = Number(new URL(served.url).port);
      await stop(served.server);
      served = await startServer({ dir, base: E2E_BASE, port });
      await page.reload();
      await expect(page.locator("h1").textContent()).resolves.toBe("Rebuilt loop");
      await expect
        .poll(() => page.evaluate(() => caches.keys()), { timeout: 30_000 })
        .toEqual([`crux-${rebuilt.version}`]);
    } finally {
      await context.close();
      await stop(served.server);
      await rm(dir, { recursive: true });
    }
  });
});
