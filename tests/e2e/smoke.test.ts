import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newPage, siteUrl } from "./browser";

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
    expect(problems).toEqual({
      consoleErrors: [],
      failedRequests: [],
      foreignRequests: [],
      pageErrors: [],
    });
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
