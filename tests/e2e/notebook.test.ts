import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, newPage, NO_PROBLEMS } from "./browser";
import {
  cellOf,
  openEditor,
  openLesson,
  outputText,
  replaceCode,
  run,
  settled,
} from "./notebookHelpers";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Where a cell sits and how tall its parts are, in CSS pixels. */
async function cellLayout(cell: Locator): Promise<Record<string, number>> {
  const box = async (selector: string): Promise<{ y: number; height: number }> => {
    const found = await cell.locator(selector).first().boundingBox();
    if (!found) throw new Error(`${selector} has no box`);
    return found;
  };
  const whole = await cell.boundingBox();
  if (!whole) throw new Error("the cell has no box");
  const output = await box(".notebook-output");
  const bar = await box(".notebook-bar");
  return {
    cellTop: whole.y,
    cellHeight: whole.height,
    barHeight: bar.height,
    codeHeight: (await box(".notebook-code")).height,
    outputTop: output.y - whole.y,
  };
}

/** Opening the editor may not move anything by more than a rounding pixel or two. */
function expectSameLayout(after: Record<string, number>, before: Record<string, number>): void {
  for (const [name, value] of Object.entries(before)) {
    expect(
      Math.abs((after[name] ?? Number.NaN) - value),
      `${name}: ${value} → ${after[name]}`,
    ).toBeLessThanOrEqual(2);
  }
}

/** Requests for the editor's or compiler's bytes, by file name. */
const heavyAsset = /monacoEditor|ts\.worker|editor\.worker|esbuild.*\.wasm|runSnippet/;

describe("a snippet cell on a lesson page", () => {
  test("ships highlighted code and no editor bytes until the reader reaches for it", async () => {
    const { context, page, problems } = await newPage(browser);
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const cell = await openLesson(page);
    await page.waitForLoadState("networkidle");

    const code = cell.locator(".notebook-static pre");
    await expect(code.innerText()).resolves.toContain('import { costOf, formatUsd } from "cost";');
    expect(await code.locator("span[style*='color']").count()).toBeGreaterThan(10);
    expect(requested.filter((url) => heavyAsset.test(url))).toEqual([]);

    const before = await cellLayout(cell);
    await code.click();
    await cell.locator(".monaco-editor").waitFor();
    expectSameLayout(await cellLayout(cell), before);
    expect(requested.some((url) => /monacoEditor/.test(url))).toBe(true);
    await expect(cell.locator(".notebook-hint").innerText()).resolves.toMatch(
      /Ctrl\+M \(Ctrl\+Shift\+M on macOS\)/,
    );
    expect(problems).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test("Run shows console output and the exports; editing re-runs and the numbers follow", async () => {
    const { context, page, problems } = await newPage(browser);
    const cell = await openLesson(page);
    await expect(run(cell)).resolves.toBe("ok");
    const first = await outputText(cell);
    expect(first).toContain("One call costs $0.048.");
    expect(first).toContain("40000 calls a day cost $1,920.00.");
    expect(first).toMatch(/perDay\s*=?\s*1,920/);

    await replaceCode(
      page,
      cell,
      'import { costOf } from "cost";\n' +
        'export const perCall = costOf({ model: "claude-sonnet-4.5", ' +
        "usage: { input_tokens: 100_000, output_tokens: 0 } });\n" +
        'console.log("100k input tokens", perCall);\n',
    );
    // Typing re-runs without pressing Run, once the cell has been run.
    await cell.locator(".notebook-output", { hasText: "100k input tokens" }).waitFor();
    await settled(cell);
    await expect(outputText(cell)).resolves.toMatch(/100k input tokens 0\.3\b/);
    expect(await cell.locator(".notebook-edited").count()).toBe(1);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await context.close();
  });

  test("arrays of rows show as a table, objects expand, numbers are grouped", async () => {
    const { context, page } = await newPage(browser);
    await openLesson(page);
    const cell = cellOf(page, "model-prices");
    await cell.scrollIntoViewIfNeeded();
    await expect(run(cell)).resolves.toBe("ok");
    const table = cell.locator(".notebook-exports table");
    await expect(table.locator("th[scope=col]").allInnerTexts()).resolves.toEqual([
      "#",
      "model",
      "perCall",
      "perMillionCalls",
    ]);
    expect(await table.locator("tbody tr").count()).toBe(4);
    const perMillion = await table.locator("tbody tr").first().locator("td").nth(2).innerText();
    expect(perMillion).toMatch(/^\d{1,3}(,\d{3})+$/);

    // The first snippet exports its response; the usage inside starts collapsed.
    const first = cellOf(page);
    await first.scrollIntoViewIfNeeded();
    await expect(run(first)).resolves.toBe("ok");
    const summary = first.locator(".notebook-exports summary", {
      hasText: /^\{ input_tokens: 12,?000/,
    });
    const entry = summary.locator("xpath=..").locator("li", { hasText: "output_tokens" });
    await expect(entry.isVisible()).resolves.toBe(false);
    await summary.click();
    await entry.waitFor({ state: "visible" });
    await expect(entry.innerText()).resolves.toMatch(/output_tokens\s*:\s*800/);
    await context.close();
  });

  test("a type error gets a marker in the editor and a note in the output", async () => {
    const { context, page } = await newPage(browser);
    const cell = await openLesson(page);
    await openEditor(cell);
    await replaceCode(
      page,
      cell,
      'import { costOf } from "cost";\nconst tokens: number = "many";\n',
    );
    await cell.locator(".squiggly-error").first().waitFor({ timeout: 20_000 });
    await cell.locator(".notebook-type-notes").waitFor();
    await expect(cell.locator(".notebook-type-notes").innerText()).resolves.toMatch(
      /line 2, column 7: Type 'string' is not assignable to type 'number'/,
    );
    // The cost module's types are known: a real export has no marker.
    await replaceCode(page, cell, 'import { costOf } from "cost";\nexport const f = costOf;\n');
    await cell.locator(".notebook-type-notes").waitFor({ state: "detached", timeout: 20_000 });
    expect(await cell.locator(".squiggly-error").count()).toBe(0);
    await context.close();
  });

  test("a syntax error, a throw and a foreign import each get a message with line:column", async () => {
    const { context, page } = await newPage(browser);
    const cell = await openLesson(page);
    await openEditor(cell);

    await replaceCode(page, cell, "const a = 1;\nconst b = ;\n");
    await expect(run(cell)).resolves.toBe("error");
    let text = await outputText(cell);
    expect(text).toContain("The code does not compile");
    expect(text).toContain("line 2, column 11");

    await replaceCode(
      page,
      cell,
      'console.log("before");\n\nthrow new RangeError("too many tokens");\n',
    );
    await expect(run(cell)).resolves.toBe("error");
    text = await outputText(cell);
    expect(text).toContain("before");
    expect(text).toContain("RangeError: too many tokens");
    expect(text).toContain("line 3, column 7");

    await replaceCode(
      page,
      cell,
      'import { chunk } from "lodash";\nconsole.log(chunk([1, 2], 1));\n',
    );
    await expect(run(cell)).resolves.toBe("error");
    text = await outputText(cell);
    expect(text).toContain('Only "cost" can be imported');
    expect(text).toContain("line 1, column 23");

    await replaceCode(page, cell, 'import { costOff } from "cost";\nconsole.log(costOff);\n');
    await expect(run(cell)).resolves.toBe("error");
    await expect(outputText(cell)).resolves.toContain('Did you mean "costOf"?');
    await context.close();
  });

  test("Monaco completes the cost module's names and shows their doc comments on hover", async () => {
    const { context, page } = await newPage(browser);
    const cell = await openLesson(page);
    await openEditor(cell);
    await replaceCode(page, cell, 'import { costOf } from "cost";\nexport const f = costOf;\n');
    await cell.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("\nconst g = costO");
    await page.keyboard.press("Control+Space");
    const suggestions = page.locator(".suggest-widget.visible .monaco-list-row");
    await suggestions.filter({ hasText: "costOf" }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press("Escape");

    // Monaco draws several tokens in one span: point the mouse at the word's own box.
    const line = cell.locator(".view-line", { hasText: "export const f = costOf" });
    const at = await line.evaluate((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const start = node.textContent?.indexOf("costOf") ?? -1;
        if (start < 0) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + "costOf".length);
        const box = range.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }
      return null;
    });
    if (!at) throw new Error("costOf is not drawn on its line");
    await page.mouse.move(at.x, at.y);
    const hover = page.locator(".monaco-hover:not(.hidden)", { hasText: "USD for one response" });
    await hover.first().waitFor({ timeout: 20_000 });
    await expect(hover.first().innerText()).resolves.toContain("nano-dollars");
    await context.close();
  });

  test("printed, an open editor's cell shows the whole current code and no controls", async () => {
    const { context, page } = await newPage(browser);
    const cell = await openLesson(page);
    await openEditor(cell);
    // Longer than any viewport, so an editor would print only some of it.
    const lines = Array.from({ length: 80 }, (_, n) => `export const line${n + 1} = ${n + 1};`);
    const code = `${lines.join("\n")}\nconsole.log("printed to the end");`;
    await replaceCode(page, cell, code);
    await expect(run(cell)).resolves.toBe("ok");

    await page.emulateMedia({ media: "print" });
    const printed = cell.locator(".notebook-print");
    await expect(printed.isVisible()).resolves.toBe(true);
    await expect(printed.innerText()).resolves.toBe(code);
    await expect(cell.locator(".notebook-editor").isVisible()).resolves.toBe(false);
    await expect(cell.locator(".notebook-buttons").isVisible()).resolves.toBe(false);
    await expect(cell.locator(".notebook-hint").isVisible()).resolves.toBe(false);
    await expect(cell.locator(".notebook-output").innerText()).resolves.toContain(
      "printed to the end",
    );

    await page.emulateMedia({ media: "screen" });
    await expect(printed.isVisible()).resolves.toBe(false);
    await expect(cell.locator(".notebook-editor").isVisible()).resolves.toBe(true);
    await context.close();
  });

  test("two cells open in editors on one page each run on their own, without errors", async () => {
    const { context, page, problems } = await newPage(browser);
    const first = await openLesson(page);
    await openEditor(first);
    const second = cellOf(page, "model-prices");
    await second.scrollIntoViewIfNeeded();
    await openEditor(second);
    await replaceCode(page, second, 'console.log("second cell");\n');
    await expect(run(second)).resolves.toBe("ok");
    await expect(run(first)).resolves.toBe("ok");
    await expect(outputText(second)).resolves.toContain("second cell");
    await expect(outputText(first)).resolves.toContain("One call costs");
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  test("keyboard: Tab walks through a whole cell and beyond, opening and editing nothing", async () => {
    const { context, page } = await newPage(browser);
    const cell = await openLesson(page);
    await page.waitForLoadState("networkidle");
    const run = cell.getByRole("button", { name: "Run", exact: true });
    await run.focus();
    const walked = await tabOutOf(page, cell);
    expect(walked).toEqual((await focusState(cell)).controls);
    expect(walked).toEqual(["button Run", "button Edit", "button Copy", "code"]);

    // Focus has left the cell, and the cell is as it was.
    await expect(
      cell.evaluate(
        (root) => root.contains(document.activeElement) || document.activeElement === document.body,
      ),
    ).resolves.toBe(false);
    await expect(cell.getAttribute("data-mode")).resolves.toBe("static");
    expect(await cell.locator(".notebook-edited").count()).toBe(0);
    await expect(
      page.evaluate(() =>
        Object.keys(localStorage).filter((key) => key.startsWith("crux:snippet")),
      ),
    ).resolves.toEqual([]);
    await expect(cell.locator(".notebook-output").getAttribute("data-state")).resolves.toBe("idle");
    await context.close();
  });

  test("keyboard: Tab reaches every control of an edited, run, shared cell; Ctrl+M leaves the editor", async () => {
    const { context, page } = await newPage(browser);
    let cell = await openLesson(page);
    await openEditor(cell);
    await replaceCode(
      page,
      cell,
      'export const usage = { input_tokens: 1200, output_tokens: 80 };\nconsole.log("walked");\n',
    );
    await expect(run(cell)).resolves.toBe("ok");
    await page.waitForFunction(() => Object.keys(localStorage).length > 0);
    await page.reload();
    cell = await openLesson(page);
    await cell.getByRole("button", { name: "Share" }).click();
    await cell.locator(".notebook-share-url").waitFor();
    await expect(run(cell)).resolves.toBe("ok");

    await cell.getByRole("button", { name: "Run", exact: true }).focus();
    const walked = await tabOutOf(page, cell);
    expect(walked).toEqual((await focusState(cell)).controls);
    for (const control of ["Run", "Edit", "Reset", "Share", "Copy"]) {
      expect(walked).toContain(`button ${control}`);
    }
    expect(walked).toEqual(expect.arrayContaining(["share link", "editor", "summary"]));

    // Edit moves focus into the open editor; Ctrl+Enter runs from there.
    await cell.getByRole("button", { name: "Edit" }).focus();
    await page.keyboard.press("Enter");
    await expect(focusState(cell)).resolves.toMatchObject({ focused: "editor" });
    const runsBefore = await cell.locator(".notebook-output").getAttribute("data-run");
    await page.keyboard.press("Control+Enter");
    await cell.locator(`.notebook-output:not([data-run="${runsBefore}"])`).waitFor();
    await expect(settled(cell)).resolves.toBe("ok");
    await expect(
      page.getByRole("region", { name: "Snippet: What one call costs" }).count(),
    ).resolves.toBe(1);
    await context.close();
  });

  test("on a touch device a plain text area edits and runs the same snippet", async () => {
    const { context, page } = await newPage(browser, {
      hasTouch: true,
      isMobile: true,
      viewport: { width: 360, height: 740 },
    });
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const cell = await openLesson(page);
    await page.waitForLoadState("networkidle");
    const before = await cellLayout(cell);
    await expect(cell.locator(".notebook-hint").innerText()).resolves.not.toContain("Ctrl+M");
    await cell.getByRole("button", { name: "Edit" }).tap();
    const area = cell.locator("textarea.notebook-textarea");
    await area.waitFor();
    expectSameLayout(await cellLayout(cell), before);
    await area.fill('export const doubled = 21 * 2;\nconsole.log("doubled", doubled);\n');
    await expect(run(cell)).resolves.toBe("ok");
    await expect(outputText(cell)).resolves.toContain("doubled 42");
    expect(requested.filter((url) => /monacoEditor|ts\.worker/.test(url))).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

interface FocusState {
  /** Every control in the cell a keyboard user should reach, in document order. */
  controls: string[];
  /** The control that has focus, or null when focus is outside the cell. */
  focused: string | null;
}

/** Controls are named "button Run", "code", "editor", "share link", "summary". */
function focusState(cell: Locator): Promise<FocusState> {
  return cell.evaluate((root): FocusState => {
    const nameOf = (element: Element): string => {
      const tag = element.tagName.toLowerCase();
      if (element.closest(".monaco-editor") || tag === "textarea") return "editor";
      if (tag === "button") return `button ${element.textContent?.trim() ?? ""}`;
      if (element.classList.contains("notebook-share-url")) return "share link";
      if (tag === "pre") return "code";
      return tag;
    };
    const selector = 'button, input, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const controls = [...root.querySelectorAll(selector)]
      .filter((element) => element.checkVisibility() && !element.hasAttribute("disabled"))
      .filter((element) => !element.closest(".monaco-editor") || element.tagName === "TEXTAREA")
      .map(nameOf);
    const active = document.activeElement;
    return { controls, focused: active && root.contains(active) ? nameOf(active) : null };
  });
}

/**
 * Presses Tab from the focused control until focus leaves the cell, and
 * returns what had focus, the starting control first. In Monaco, Tab
 * indents: Ctrl+M (as the hint says) makes it move focus instead.
 */
async function tabOutOf(page: Page, cell: Locator): Promise<string[]> {
  const walked: string[] = [];
  for (let press = 0; press < 40; press += 1) {
    const { focused } = await focusState(cell);
    if (focused === null) return walked;
    walked.push(focused);
    if (focused === "editor") await page.keyboard.press("Control+m");
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab stayed inside the cell for 40 presses: ${walked.join(", ")}`);
}
