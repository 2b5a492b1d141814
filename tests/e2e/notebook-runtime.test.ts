/**
 * The notebook runtime on the built site, past the happy path: output too
 * big to show, memory a snippet cannot have, work left after the top level,
 * and imports of anything but "cost".
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { launchBrowser, newPage, type PageProblems } from "./browser";
import { openEditor, openLesson, outputText, replaceCode, run } from "./notebookHelpers";
import { watchResponsiveness } from "./pageWatch";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface OpenCell {
  context: BrowserContext;
  page: Page;
  cell: Locator;
  problems: PageProblems;
  /** Every URL the page or its frames and workers asked for. */
  requests: string[];
}

async function openCell(): Promise<OpenCell> {
  const { context, page, problems } = await newPage(browser);
  const requests: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  const cell = await openLesson(page);
  await openEditor(cell);
  return { context, page, cell, problems, requests };
}

/** Runs `code` in the cell; resolves with the run's state and the output's text. */
async function runCode(open: OpenCell, code: string): Promise<{ state: string; text: string }> {
  await replaceCode(open.page, open.cell, code);
  const state = await run(open.cell);
  return { state, text: await outputText(open.cell) };
}

/** The next run works: the sandbox came back from whatever the last one did. */
async function nextRunWorks(open: OpenCell): Promise<void> {
  const { state, text } = await runCode(open, 'console.log("alive again");\n');
  expect(state).toBe("ok");
  expect(text).toContain("alive again");
}

describe("output too big to show", () => {
  test("500 console lines of 32 big trees: the page keeps up and says what was left out", async () => {
    const open = await openCell();
    const flood =
      "const tree = Array.from({ length: 40 }, (_, i) => ({ i, rows: Array.from({ length: 200 }, (_, j) => ({ j })) }));\n" +
      "const args = Array.from({ length: 32 }, () => tree);\n" +
      "for (let n = 0; n < 500; n++) console.log(...args);\n";
    // A first run warms the compiler and the sandbox, so the watch below is
    // of the flood alone.
    await runCode(open, 'console.log("warm");\n');
    await replaceCode(open.page, open.cell, flood);
    const watch = await watchResponsiveness(open.page);
    const state = await run(open.cell);
    const answers = await watch.stop();
    expect(state).toBe("ok");
    const note = open.cell.locator(".notebook-note", { hasText: "left out" });
    await expect(note.innerText()).resolves.toMatch(
      /^[\d,]+ console lines were left out: this run printed more than the page shows/,
    );
    // Some lines came through, far fewer than 500.
    const lines = await open.cell.locator(".notebook-console").count();
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(50);
    // A closed value is one summary line: its children wait until it opens.
    const opened = open.cell.locator(".notebook-console details > :not(summary)");
    await expect(opened.count()).resolves.toBe(0);
    expect(answers.longestFrameGapMs).toBeLessThan(1_500);
    expect(answers.longestPingMs).toBeLessThan(1_500);
    await open.cell.locator(".notebook-console details").first().locator("summary").click();
    await expect(opened.count()).resolves.toBeGreaterThan(0);
    await nextRunWorks(open);
    expect(open.problems.pageErrors).toEqual([]);
    await open.context.close();
  });
});

const giantAllocations: [string, string][] = [
  ["an array of 2^32 items", "const items = new Array(2 ** 32);\nconsole.log(items.length);\n"],
  [
    "a buffer of 2^40 bytes",
    "const buffer = new ArrayBuffer(2 ** 40);\nconsole.log(buffer.byteLength);\n",
  ],
  ["a string of 2^30 characters", 'const text = "x".repeat(2 ** 30);\nconsole.log(text.length);\n'],
  [
    "buffers allocated as fast as the worker can",
    "const kept: ArrayBuffer[] = [];\nfor (;;) kept.push(new ArrayBuffer(2 ** 28));\n",
  ],
];

describe("memory a snippet cannot have", () => {
  test("each giant allocation is told, and the page and the next run carry on", async () => {
    const open = await openCell();
    for (const [what, code] of giantAllocations) {
      const { state, text } = await runCode(open, code);
      expect(`${what}: ${state}`).toMatch(/: (error|timeout)$/);
      expect(`${what}: ${text}`).toMatch(
        /more memory than the sandbox allows|Stopped after 2 seconds|sandbox had to stop this run/,
      );
      await expect(open.page.evaluate(() => document.title)).resolves.toContain("Crux");
      await nextRunWorks(open);
    }
    expect(open.problems.pageErrors).toEqual([]);
    await open.context.close();
  });
});

describe("work left after the top level", () => {
  test("timers, un-awaited promises, callback errors and rejections all show", async () => {
    const open = await openCell();

    let result = await runCode(
      open,
      'setTimeout(() => console.log("later"), 100);\nconsole.log("first");\n',
    );
    expect(result.state).toBe("ok");
    expect(result.text).toMatch(/first[\s\S]*later/);

    result = await runCode(
      open,
      "const wait = new Promise((resolve) => setTimeout(resolve, 50));\n" +
        'wait.then(() => console.log("then ran"));\n',
    );
    expect(result.text).toContain("then ran");

    result = await runCode(
      open,
      'const tokens = 10;\nsetTimeout(() => {\n  throw new Error("the timer broke");\n}, 20);\n',
    );
    expect(result.state).toBe("error");
    expect(result.text).toContain("A callback threw an error");
    expect(result.text).toContain("the timer broke");
    expect(result.text).toMatch(/line 3, column \d+/);

    result = await runCode(open, 'Promise.reject(new Error("nobody caught me"));\n');
    expect(result.state).toBe("error");
    expect(result.text).toContain("A promise was rejected and nothing caught it");
    expect(result.text).toContain("nobody caught me");

    result = await runCode(
      open,
      'setTimeout(() => console.log("too late"), 60_000);\nconsole.log("top");\n',
    );
    expect(result.state).toBe("ok");
    expect(result.text).not.toContain("too late");
    expect(result.text).toContain(
      "The run ended before its scheduled work: 1 timer was still waiting 0.5 seconds",
    );
    expect(open.problems.pageErrors).toEqual([]);
    await open.context.close();
  });
});

describe("imports of anything but cost", () => {
  test('import("http://trap.invalid/x.js") is refused before it runs; no request leaves', async () => {
    const open = await openCell();
    const { state, text } = await runCode(
      open,
      'const tokens = 1;\nimport("http://trap.invalid/x.js").then(() => console.log("escaped"));\n',
    );
    expect(state).toBe("error");
    expect(text).toContain("Import not available");
    expect(text).toMatch(
      /Only "cost" can be imported in a Crux snippet, so "http:\/\/trap\.invalid\/x\.js"/,
    );
    expect(text).toContain("line 2, column 8");
    expect(text).not.toContain("escaped");

    const unused = await runCode(
      open,
      'import { chunk } from "lodash";\nconsole.log("ran anyway");\n',
    );
    expect(unused.state).toBe("error");
    expect(unused.text).toContain("line 1, column 23");
    expect(unused.text).not.toContain("ran anyway");

    expect(
      open.requests.filter((url) => url.includes("trap.invalid") || url.includes("lodash")),
    ).toEqual([]);
    expect(open.problems.foreignRequests).toEqual([]);
    await open.context.close();
  });
});
