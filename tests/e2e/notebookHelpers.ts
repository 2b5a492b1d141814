import type { Locator, Page } from "playwright-core";
import { siteUrl } from "./browser";

/** The lesson whose snippets the notebook tests drive. */
export const LESSON_PATH = "lessons/per-token-arithmetic/";
/** The first snippet on that page. */
export const SNIPPET = "first-bill";

export function cellOf(page: Page, snippetId = SNIPPET): Locator {
  return page.locator(`[data-snippet="${snippetId}"]`);
}

export async function openLesson(page: Page, hash = ""): Promise<Locator> {
  await page.goto(siteUrl(LESSON_PATH) + hash);
  const cell = cellOf(page);
  // Cells hydrate when they scroll into view; the island drops "ssr" then.
  await cell.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (id) =>
      !document.querySelector(`astro-island:has([data-snippet="${id}"])`)?.hasAttribute("ssr"),
    SNIPPET,
  );
  return cell;
}

/** Opens the cell's editor (Monaco on desktop) and waits until it takes input. */
export async function openEditor(cell: Locator): Promise<void> {
  await cell.getByRole("button", { name: "Edit" }).click();
  await cell.locator(".monaco-editor textarea, textarea.notebook-textarea").first().waitFor();
  await cell.locator(".notebook-editor:not([hidden])").waitFor();
}

/**
 * Replaces the editor's whole text by pasting it: typing would let Monaco
 * close brackets and indent lines on its own.
 */
export async function replaceCode(page: Page, cell: Locator, code: string): Promise<void> {
  const area = cell.locator("textarea.notebook-textarea");
  if ((await area.count()) > 0) {
    await area.fill(code);
    return;
  }
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await cell.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  const lastLine = code.trimEnd().split("\n").pop() ?? "";
  await cell
    .locator(".monaco-editor .view-lines", { hasText: lastLine.trim().slice(0, 30) })
    .waitFor();
}

/** Waits for the output pane to settle after a run, and returns its state. */
export async function settled(cell: Locator, timeout = 30_000): Promise<string> {
  const output = cell.locator(".notebook-output");
  await output
    .locator("xpath=self::*[@data-state='ok' or @data-state='error' or @data-state='timeout']")
    .waitFor({ timeout });
  return (await output.getAttribute("data-state")) ?? "";
}

/** Clicks Run and waits for the run to end. */
export async function run(cell: Locator, timeout?: number): Promise<string> {
  await cell.getByRole("button", { name: "Run", exact: true }).click();
  await cell
    .locator('.notebook-output[data-state="running"]')
    .waitFor({ timeout: 5_000 })
    .catch(() => {
      // A quick run may finish before the running state is seen.
    });
  return settled(cell, timeout);
}

export async function outputText(cell: Locator): Promise<string> {
  return cell.locator(".notebook-output").innerText();
}

/** The editor's text as the reader sees it (Monaco draws spaces as no-break spaces). */
export async function editorText(cell: Locator): Promise<string> {
  const area = cell.locator("textarea.notebook-textarea");
  if ((await area.count()) > 0) return area.inputValue();
  return (await cell.locator(".monaco-editor .view-lines").innerText()).replace(/\u00a0/g, " ");
}
