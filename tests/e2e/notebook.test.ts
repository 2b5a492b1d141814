import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newPage } from "./browser";
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

    const before = await cell.locator(".notebook-code").boundingBox();
    await code.click();
    await cell.locator(".monaco-editor").waitFor();
    const after = await cell.locator(".notebook-code").boundingBox();
    expect(Math.abs((after?.height ?? 0) - (before?.height ?? 0))).toBeLessThanOrEqual(2);
    expect(requested.some((url) => /monacoEditor/.test(url))).toBe(true);
    await expect(cell.locator(".notebook-hint").innerText()).resolves.toMatch(
      /Ctrl\+M \(Ctrl\+Shift\+M on macOS\)/,
    );
    expect(problems).toEqual({
      consoleErrors: [],
      failedRequests: [],
      foreignRequests: [],
      pageErrors: [],
    });
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
    await context.close();
  });

  test("a type error gets a marker in the editor and a note in the output", async () => {
    const { context, page } = await newPage(browser);
    const cell = await openLesson(page);
    await openEditor(cell);
    await replaceCode(page, cell, 'import { costOf } from "cost";\nconst tokens: number = "many";\n');
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

    await replaceCode(page, cell, 'console.log("before");\n\nthrow new RangeError("too many tokens");\n');
    await expect(run(cell)).resolves.toBe("error");
    text = await outputText(cell);
    expect(text).toContain("before");
    expect(text).toContain("RangeError: too many tokens");
    expect(text).toContain("line 3, column 7");

    await replaceCode(page, cell, 'import { chunk } from "lodash";\nconsole.log(chunk([1, 2], 1));\n');
    await expect(run(cell)).resolves.toBe("error");
    text = await outputText(cell);
    expect(text).toContain('Only "cost" can be imported');
    expect(text).toContain("line 1, column 23");

    await replaceCode(page, cell, 'import { costOff } from "cost";\nconsole.log(costOff);\n');
    await expect(run(cell)).resolves.toBe("error");
    await expect(outputText(cell)).resolves.toContain('Did you mean "costOf"?');
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

  test("keyboard: Tab reaches every control, Ctrl+Enter runs from the editor", async () => {
    const { context, page } = await newPage(browser);
    const cell = await openLesson(page);
    await cell.getByRole("button", { name: "Run", exact: true }).focus();
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Edit");
    await page.keyboard.press("Enter");
    await cell.locator(".monaco-editor").waitFor();
    await expect(
      page.evaluate(() => document.activeElement?.closest(".monaco-editor") !== null),
    ).resolves.toBe(true);
    await page.keyboard.press("Control+Enter");
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
    await cell.getByRole("button", { name: "Edit" }).tap();
    const area = cell.locator("textarea.notebook-textarea");
    await area.waitFor();
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
