import { afterAll, beforeAll, describe, expect, test } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { launchBrowser, newPage, siteUrl } from "./browser";
import { OUT_DIR } from "./globalSetup";
import { openEditor, run } from "./notebookHelpers";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Every page of the e2e build, as a path under the base ("lessons/x/"). */
async function builtPages(dir = OUT_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name === "index.html")
    .map((entry) => relative(OUT_DIR, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .filter((path) => !path.startsWith("sandbox/"))
    .map((path) => path.replace(/index\.html$/, ""))
    .sort();
}

function describeViolations(results: Awaited<ReturnType<AxeBuilder["analyze"]>>): string[] {
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ` +
      violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(" "))
        .join(", "),
  );
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  return describeViolations(results);
}

/**
 * Opens every deep dive and scrolls through the page a screen at a time, so
 * every island hydrates (they load when visible, so one in a folded deep
 * dive only once it is opened), then waits until none is left
 * server-rendered only, and scrolls back to the top.
 */
async function hydrateEveryIsland(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  await page.waitForFunction(() => document.querySelector("astro-island[ssr]") === null, null, {
    timeout: 30_000,
  });
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => window.scrollTo(0, 0));
}

const pages = await builtPages();

describe.each(["light", "dark"] as const)("axe-core in the %s theme", (colorScheme) => {
  test.each(pages.map((path) => [path === "" ? "home" : path, path]))(
    "%s has no violation",
    async (_name, path) => {
      const { context, page } = await newPage(browser, {
        colorScheme,
        reducedMotion: "reduce",
      });
      await page.goto(siteUrl(path), { waitUntil: "networkidle" });
      await hydrateEveryIsland(page);
      await expect(axeViolations(page)).resolves.toEqual([]);
      await context.close();
    },
    // Hydrating every island and scanning a long page is slow on a loaded machine.
    120_000,
  );

  test("a lesson with search results open, a quiz answered, a cell edited and run", async () => {
    const { context, page } = await newPage(browser, { colorScheme, reducedMotion: "reduce" });
    await page.goto(siteUrl("lessons/per-token-arithmetic/"), { waitUntil: "networkidle" });
    await hydrateEveryIsland(page);

    await page.locator("[data-search-open]").click();
    await page.locator("[data-search-input]").fill("cache");
    await page.locator(".search-results a.search-hit-title").first().waitFor();
    await expect(axeViolations(page), "search open").resolves.toEqual([]);
    await page.keyboard.press("Escape");

    const quiz = page.locator("[data-quiz]").first();
    await quiz.locator("input[type=radio]").first().check();
    await expect
      .poll(() => quiz.locator("[data-quiz-verdict]").textContent())
      .toMatch(/^(Right|Not quite)\./);
    await expect(axeViolations(page), "quiz answered").resolves.toEqual([]);

    const cell = page.locator("[data-snippet]").first();
    await openEditor(cell);
    await expect(run(cell, 30_000)).resolves.toBe("ok");
    await expect(cell.locator(".notebook-entries li").count()).resolves.toBeGreaterThan(0);
    await expect(axeViolations(page), "editor open, output shown").resolves.toEqual([]);
    await context.close();
  }, 180_000);

  test("the 404 page has no violation", async () => {
    const { context, page } = await newPage(browser, { colorScheme });
    await page.goto(siteUrl("no/such/page/"));
    await expect(axeViolations(page)).resolves.toEqual([]);
    await context.close();
  });
});
