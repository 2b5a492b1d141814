import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newPage, siteUrl } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** What has focus, described well enough to tell controls apart. */
function focused(
  page: Page,
): Promise<{ tag: string; type: string; name: string; inside: string; editor: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const labelled = element?.getAttribute("aria-labelledby");
    const label = labelled
      ? labelled
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" ")
      : (element?.getAttribute("aria-label") ?? element?.textContent ?? "");
    return {
      tag: element?.tagName.toLowerCase() ?? "",
      editor: element?.closest(".monaco-editor") !== null,
      type: element?.getAttribute("type") ?? "",
      name: label.trim(),
      inside: element?.closest("[data-snippet]")
        ? "snippet"
        : element?.closest("[data-quiz]")
          ? "quiz"
          : element?.closest(".widget")
            ? "widget"
            : "",
    };
  });
}

/** Presses Tab until focus satisfies `wanted`; fails after `limit` presses. */
async function tabUntil(
  page: Page,
  wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  limit = 200,
): Promise<void> {
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (process.env.DEBUG_TAB) console.log("TAB", JSON.stringify(now));
    if (wanted(now)) return;
  }
  throw new Error(`Tab did not reach the control within ${limit} presses`);
}

describe("a lesson walked with the keyboard alone", () => {
  test("move a slider, edit and run a snippet, answer a quiz", async () => {
    const { context, page, problems } = await newPage(browser);
    await page.goto(siteUrl("lessons/per-token-arithmetic/"));

    // A slider of the pricing widget: the figure follows the arrow key.
    const perRequest = page.locator('[data-figure="per-request"]').first();
    // Islands hydrate as they scroll into view, as Tab would bring them.
    await page.locator(".widget").first().scrollIntoViewIfNeeded();
    await page.locator(".widget[data-hydrated='true']").first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    const before = await perRequest.textContent();
    await tabUntil(page, (f) => f.inside === "widget" && f.type === "range");
    await page.keyboard.press("End");
    await expect.poll(() => perRequest.textContent()).not.toBe(before);

    // A snippet: Run with Enter, then Edit and Ctrl+Enter after a change.
    await tabUntil(page, (f) => f.inside === "snippet" && f.name === "Run");
    const snippetId = await page.evaluate(
      () => document.activeElement?.closest("[data-snippet]")?.getAttribute("data-snippet") ?? "",
    );
    const cell = page.locator(`[data-snippet="${snippetId}"]`);
    await page.keyboard.press("Enter");
    const output = cell.locator(".notebook-output");
    await expect.poll(() => output.getAttribute("data-state"), { timeout: 30_000 }).toBe("ok");
    // Running opens the editor; without that, Edit does. Either way Tab
    // then reaches the editor's text.
    if ((await cell.getByRole("button", { name: "Edit" }).count()) > 0) {
      await tabUntil(page, (f) => f.inside === "snippet" && f.name === "Edit", 10);
      await page.keyboard.press("Enter");
    }
    await cell.locator(".monaco-editor").waitFor();
    if (!(await focused(page)).editor) {
      await tabUntil(page, (f) => f.inside === "snippet" && f.editor, 15);
    }
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("\nconsole.log('walked by keyboard');");
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect
      .poll(() => output.innerText(), { timeout: 30_000 })
      .toContain("walked by keyboard");

    // Out of the editor's Tab trap with Ctrl+M, then on to a quiz.
    await page.keyboard.press("Control+m");
    await tabUntil(page, (f) => f.inside === "quiz" && f.type === "radio");
    await page.keyboard.press("Space");
    const verdict = page.locator("[data-quiz-verdict]").first();
    await expect.poll(() => verdict.textContent()).toMatch(/^(Right|Not quite)\./);

    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
