import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import {
  JS_BUDGET_BYTES,
  lessonPaths,
  readsWithoutJavaScript,
  scriptBytesBeforeInteraction,
} from "../../scripts/bench/pages.mjs";
import { launchBrowser, newPage, siteUrl, NO_PROBLEMS } from "./browser";
import { OUT_DIR } from "./globalSetup";

const lessons = await lessonPaths(OUT_DIR);

/** Every page of the e2e build a reader can open (the sandbox runner is not one). */
async function builtPages(): Promise<string[]> {
  const entries = await readdir(OUT_DIR, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => relative(OUT_DIR, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .filter((path) => !path.startsWith("sandbox/") && !path.startsWith("_astro/"))
    .sort();
}

function decoded(text: string): string {
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Every same-origin link on the page, without its hash. */
async function internalLinks(page: import("playwright-core").Page): Promise<string[]> {
  const hrefs = await page.$$eval("a[href]", (anchors) =>
    anchors.map((anchor) => (anchor as HTMLAnchorElement).href),
  );
  const origin = new URL(siteUrl()).origin;
  return hrefs.filter((href) => href.startsWith(origin)).map((href) => href.split("#")[0] ?? href);
}

describe("the built site under a sub-path", () => {
  test("home page lists the lessons and every internal link opens cleanly", async () => {
    const { context, page, problems } = await newPage(browser);
    const response = await page.goto(siteUrl());
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe("Crux");
    const lessonLinks = await page.$$eval(".lesson-card > a", (as) =>
      as.map((a) => (a as HTMLAnchorElement).href),
    );
    expect(lessonLinks.length).toBeGreaterThan(0);
    for (const link of lessonLinks) expect(link.startsWith(siteUrl())).toBe(true);

    const seen = new Set<string>();
    const queue = [siteUrl()];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const visit = await page.goto(url, { waitUntil: "networkidle" });
      expect(visit?.status(), `status of ${url}`).toBe(200);
      for (const link of await internalLinks(page)) {
        if (!seen.has(link)) queue.push(link);
      }
    }
    expect(seen.size).toBeGreaterThan(lessonLinks.length);
    expect(problems).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test("a lesson renders through the lesson layout", async () => {
    const { context, page, problems } = await newPage(browser);
    await page.goto(siteUrl("lessons/cost-spike-loop/"));
    await expect(page.locator("h1").textContent()).resolves.toBe("The cost-spike loop");
    await expect(page.locator(".lesson-goal").textContent()).resolves.toContain("Goal:");
    expect(await page.locator("[data-pagefind-body]").count()).toBe(1);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  test("an unknown page answers 404 with a way back", async () => {
    const { context, page } = await newPage(browser);
    const response = await page.goto(siteUrl("lessons/no-such-lesson/"));
    expect(response?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("Page not found");
    const back = await page.locator("main a").getAttribute("href");
    expect(back).toBe(new URL(siteUrl()).pathname);
    await context.close();
  });
});

describe("titles and descriptions", () => {
  test("every built page has its own <title> and a meta description", async () => {
    const pages = await builtPages();
    expect(pages).toContain("404.html");
    expect(pages.length).toBeGreaterThan(lessons.length);
    const titles = new Map<string, string>();
    for (const path of pages) {
      const html = await readFile(join(OUT_DIR, path), "utf8");
      const title = decoded(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "");
      const description = decoded(
        /<meta name="description" content="([^"]*)"/.exec(html)?.[1] ?? "",
      );
      expect(title, `title of ${path}`).not.toBe("");
      expect(description.length, `description of ${path}`).toBeGreaterThan(20);
      expect(titles.get(title), `${path} has the title of another page`).toBeUndefined();
      titles.set(title, path);
    }
  });
});

describe("lesson budgets", () => {
  test.each(lessons)(
    "%s loads under 80 KiB gzip of JavaScript before interaction",
    async (path) => {
      const { bytes, files } = await scriptBytesBeforeInteraction(
        browser,
        siteUrl(path),
        siteUrl(),
        OUT_DIR,
      );
      expect(files).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(JS_BUDGET_BYTES);
    },
  );

  test.each(lessons)("%s reads with JavaScript disabled", async (path) => {
    const result = await readsWithoutJavaScript(browser, siteUrl(path));
    expect(result).toMatchObject({ readable: true, snippetsWithoutCode: 0, placeholders: [] });
    expect(result.title).not.toBe("");
  });
});
