import { afterAll, beforeAll, describe, expect, test } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { launchBrowser, newPage, siteUrl } from "./browser";
import { OUT_DIR } from "./globalSetup";

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
      await expect(axeViolations(page)).resolves.toEqual([]);
      await context.close();
    },
  );

  test("the 404 page has no violation", async () => {
    const { context, page } = await newPage(browser, { colorScheme });
    await page.goto(siteUrl("no/such/page/"));
    await expect(axeViolations(page)).resolves.toEqual([]);
    await context.close();
  });
});
