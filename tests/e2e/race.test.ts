// The budget race driven by the reader's code, on the built lesson page:
// each test edits a guard snippet, runs it in the sandbox, and reads what
// the race widget beside it shows.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import {
  budget,
  checkThenActGuard,
  costOf,
  llm,
  maxCostOf,
  reserveCommitGuard,
  simulateRace,
  type CallModel,
  type LlmRequest,
  type RaceOptions,
  type TenantId,
} from "../../src/cost/index";
import { traceDigest } from "../../components/race/traceDigest";
import { WORKED_SCENARIO } from "../../components/race/scenario";
import { badHour, callModel as leakyGuard } from "../../content/snippets/budget/leaky-guard";
import { launchBrowser, newPage, siteUrl, type PageProblems } from "./browser";
import { cellOf, replaceCode, run } from "./notebookHelpers";

const LESSON = "lessons/budgets-under-concurrency/";

const reserveCommit = readFileSync("content/snippets/budget/reserve-commit.ts", "utf8");
const naive = readFileSync("content/snippets/budget/naive-guard.ts", "utf8");
const leaky = readFileSync("content/snippets/budget/leaky-guard.ts", "utf8");

/** The race-naive widget's race: the lesson's worked check, without its guard name. */
const { guard: _builtIn, ...WORKED } = WORKED_SCENARIO;

/** The race-leak widget's race, over the worked check, with the shipped guard. */
const BAD_HOUR: RaceOptions = { ...WORKED, ...badHour };

/** The reader's fix of leaky-guard.ts, the code reserveCommitGuard runs. */
const RELEASED = `export async function callModel(tenantId: TenantId, req: LlmRequest) {
const hold = await budget.reserve(tenantId, maxCostOf(req));
try {
const res = await llm.create(req);
await budget.commit(hold, costOf(res));
return res;
} catch (error) {
await budget.release(hold);
throw error;
}
}`;

/** The leaky snippet with its callModel replaced by `guard`. */
function leakyWith(guard: string): string {
  const start = leaky.indexOf("export async function callModel");
  const end = leaky.indexOf("\n}\n", start) + 3;
  expect(start).toBeGreaterThan(0);
  return leaky.slice(0, start) + guard + leaky.slice(end);
}

/** The digest of the race simulateRace runs in this Node process. */
async function nodeDigest(callModel: CallModel, options: RaceOptions): Promise<string> {
  return traceDigest((await simulateRace(callModel, options)).trace);
}

function digestOf(race: Locator): Promise<string | null> {
  return race.getAttribute("data-trace");
}

/** The naive snippet with its guard replaced by `guard`, the burst kept. */
function naiveWith(guard: string): string {
  const start = naive.indexOf("export async function callModel");
  const end = naive.indexOf("// $1.00 a month");
  return naive.slice(0, start) + guard + "\n\n" + naive.slice(end);
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function hydrate(page: Page, element: Locator): Promise<void> {
  await element.scrollIntoViewIfNeeded();
  const handle = await element.elementHandle();
  await page.waitForFunction((node) => !node?.closest("astro-island")?.hasAttribute("ssr"), handle);
}

/** The lesson, reduced motion (the race shows whole), naive cell and race hydrated. */
async function openRace(
  id = "race-naive",
  snippet = "naive-guard",
): Promise<{
  page: Page;
  cell: Locator;
  race: Locator;
  problems: PageProblems;
  close: () => Promise<void>;
}> {
  const { context, page, problems } = await newPage(browser, { reducedMotion: "reduce" });
  await page.goto(siteUrl(LESSON));
  const race = page.locator(`#${id}`);
  const cell = cellOf(page, snippet);
  await hydrate(page, race);
  await hydrate(page, cell);
  return { page, cell, race, problems, close: () => context.close() };
}

/** Opens the cell's editor and waits until it takes input. */
async function edit(cell: Locator): Promise<void> {
  await cell.getByRole("button", { name: "Edit" }).click();
  await cell.locator(".monaco-editor .view-lines, textarea.notebook-textarea").first().waitFor();
}

function summary(race: Locator): Promise<string> {
  return race.getByTestId("race-summary").innerText();
}

function source(race: Locator): Locator {
  return race.getByTestId("race-source");
}

function figure(race: Locator, name: string): Promise<string | null> {
  return race.locator(`[data-figure="${name}"]`).textContent();
}

/** Waits until the race says it ran the reader's code (or why it did not). */
async function raceSays(race: Locator, text: string | RegExp, timeout = 20_000): Promise<void> {
  await source(race).filter({ hasText: text }).waitFor({ timeout });
}

describe("the budget race driven by the reader's snippet", () => {
  test("the shipped naive snippet, run, overspends on screen", async () => {
    const { cell, race, problems, close } = await openRace();
    await expect(source(race).innerText()).resolves.toMatch(/runs the snippet's code as shipped/);

    await expect(run(cell)).resolves.toBe("ok");
    await raceSays(race, "This race ran your callModel, from your last run.");
    await expect(summary(race)).resolves.toBe(
      "5 of 5 requests called the model. Spend reached $1.15 against a $1.00 limit: " +
        "$0.15 (15%) over.",
    );
    await expect(figure(race, "over")).resolves.toBe("$0.15 (15%)");
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await close();
  });

  test("the reader's reserve/commit edit holds the line, and so does a larger burst", async () => {
    const { page, cell, race, problems, close } = await openRace();
    await edit(cell);
    await replaceCode(page, cell, reserveCommit);
    await expect(run(cell)).resolves.toBe("ok");
    await race.getByTestId("race-summary").filter({ hasText: "3 refused" }).waitFor();
    await expect(summary(race)).resolves.toBe(
      "2 of 5 requests called the model; 3 refused. Spend $1.00 of a $1.00 limit: nothing over.",
    );
    await expect(figure(race, "over")).resolves.toBe("None");

    // From the keyboard: the burst size, then a new seed, each re-run in the sandbox.
    const calls = race.getByRole("spinbutton", { name: /Calls at once/ });
    await calls.focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("40");
    await page.keyboard.press("Enter");
    await race
      .getByTestId("race-summary")
      .filter({ hasText: /of 40 requests/ })
      .waitFor();
    await expect(summary(race)).resolves.toMatch(/nothing over\.$/);
    await expect(race.locator(".race-lane").count()).resolves.toBe(40);

    await race.getByRole("button", { name: "New seed" }).focus();
    await page.keyboard.press("Enter");
    await race.getByText("Seed 2").waitFor();
    await raceSays(race, "This race ran your callModel, from your last run.");
    await expect(summary(race)).resolves.toMatch(/of 40 requests .*nothing over\.$/);
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  test("a guard that forgets to release leaks holds that starve later calls", async () => {
    const { race, cell, close } = await openRace("race-leak", "leaky-guard");
    await expect(run(cell)).resolves.toBe("ok");
    await raceSays(race, "This race ran your callModel, from your last run.");
    await expect(summary(race)).resolves.toMatch(
      /^9 of 30 requests called the model; 21 refused\. .* 3 holds never released keep \$0\.15 locked, refusing later calls\./,
    );
    await close();
  });

  test("the sandbox's race is simulateRace's in Node, event for event", async () => {
    const { page, cell, race, close } = await openRace();
    // Before any run the page drew the build's race, computed in Node too.
    await expect(digestOf(race)).resolves.toBe(await nodeDigest(checkThenActGuard, WORKED));

    await expect(run(cell)).resolves.toBe("ok");
    await raceSays(race, "This race ran your callModel, from your last run.");
    await expect(digestOf(race)).resolves.toBe(await nodeDigest(checkThenActGuard, WORKED));

    // Another seed and a larger burst, re-run in the sandbox.
    const calls = race.getByRole("spinbutton", { name: /Calls at once/ });
    await calls.focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("12");
    await page.keyboard.press("Enter");
    await race
      .getByTestId("race-summary")
      .filter({ hasText: /of 12 requests/ })
      .waitFor();
    await race.getByRole("button", { name: "New seed" }).click();
    await race.getByText("Seed 2").waitFor();
    const larger = { ...WORKED, requests: 12, seed: 2 };
    const expected = await nodeDigest(checkThenActGuard, larger);
    await expect.poll(() => digestOf(race), { timeout: 20_000 }).toBe(expected);
    await close();
  });

  test("failures and spread arrivals give the same race in the sandbox as in Node", async () => {
    const { race, cell, close } = await openRace("race-leak", "leaky-guard");
    await expect(run(cell)).resolves.toBe("ok");
    await raceSays(race, "This race ran your callModel, from your last run.");
    const expected = await simulateRace(leakyGuard, BAD_HOUR);
    expect(expected.failed).toBeGreaterThan(0);
    expect(expected.leakedHolds).toBeGreaterThan(0);
    await expect(digestOf(race)).resolves.toBe(traceDigest(expected.trace));
    await close();
  });

  test("the reader adds the release: the leaked holds go to none", async () => {
    const { page, race, cell, problems, close } = await openRace("race-leak", "leaky-guard");
    await edit(cell);
    await expect(run(cell)).resolves.toBe("ok");
    await race.getByTestId("race-summary").filter({ hasText: "never released" }).waitFor();

    await replaceCode(page, cell, leakyWith(RELEASED));
    await expect(run(cell)).resolves.toBe("ok");
    await expect(cell.locator(".notebook-output").innerText()).resolves.toContain(
      "0 holds never released, locking $0.00",
    );
    await race.getByTestId("race-summary").filter({ hasNotText: "never released" }).waitFor();
    await raceSays(race, "This race ran your callModel, from your last run.");
    const said = await summary(race);
    expect(said).toMatch(/^\d+ of 30 requests called the model; \d+ refused\. /);
    expect(said).toMatch(/ of a \$1\.00 limit: nothing over\. \d+ ended with an error\.$/);
    await expect(figure(race, "held")).resolves.toBe("$0.00");
    const fixed = await simulateRace(reserveCommitGuard, BAD_HOUR);
    expect(fixed.leakedHolds).toBe(0);
    await expect(digestOf(race)).resolves.toBe(traceDigest(fixed.trace));
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  test("a guard that throws shows its message and the requests it failed", async () => {
    const { page, cell, race, problems, close } = await openRace();
    await edit(cell);
    await replaceCode(
      page,
      cell,
      naiveWith(
        "export async function callModel(tenantId: TenantId, req: LlmRequest) {\n" +
          "const spent = await budget.getMonthlySpend(tenantId);\n" +
          'throw new Error("no budget table for " + tenantId);\n' +
          "}",
      ),
    );
    await run(cell);
    await raceSays(race, "Your callModel threw: Error: no budget table for acme");
    await expect(summary(race)).resolves.toMatch(/5 ended with an error\.$/);
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  test("a guard that never resolves shows requests that never finished", async () => {
    const { page, cell, race, close } = await openRace();
    await edit(cell);
    await replaceCode(
      page,
      cell,
      naiveWith(
        "export async function callModel(tenantId: TenantId, req: LlmRequest) {\n" +
          "await budget.getMonthlySpend(tenantId);\n" +
          "return new Promise(() => {});\n" +
          "}",
      ),
    );
    await run(cell);
    await raceSays(race, /Your callModel did not finish 5 requests\. Never finished/);
    await expect(summary(race)).resolves.toMatch(/5 never finished\.$/);
    await close();
  });

  test("a guard that loops forever: the watchdog stops it, and the page stays responsive", async () => {
    const { page, cell, race, problems, close } = await openRace();
    await edit(cell);
    // Waits for budget that never comes: fine under the snippet's own $1.00
    // limit, a busy loop once the widget's limit is down to what was spent.
    await replaceCode(
      page,
      cell,
      naiveWith(
        "export async function callModel(tenantId: TenantId, req: LlmRequest) {\n" +
          "const spent = await budget.getMonthlySpend(tenantId);\n" +
          "while (spent >= LIMIT[tenantId]) {}\n" +
          "const res = await llm.create(req);\n" +
          "await budget.add(tenantId, costOf(res));\n" +
          "return res;\n" +
          "}",
      ),
    );
    // Under the snippet's own $1.00 limit it runs; how it ends matters not
    // here, only that the reader has run it.
    await run(cell);

    const limit = race.getByRole("spinbutton", { name: /Monthly limit/ });
    await limit.focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("0.9");
    await page.keyboard.press("Enter");

    // While the sandbox's worker spins, the page still answers the keyboard.
    await page.locator('#race-naive[aria-busy="true"]').waitFor();
    await page.waitForTimeout(500);
    const before = await race.getByTestId("race-step").innerText();
    const started = Date.now();
    await race.getByRole("button", { name: "Step back" }).focus();
    await page.keyboard.press("Enter");
    await race.getByTestId("race-step").filter({ hasNotText: before }).waitFor({ timeout: 1_500 });
    expect(Date.now() - started).toBeLessThan(1_500);

    await raceSays(
      race,
      /^.*Stopped after 2 seconds.*The lanes show the \d+ steps before it stopped\.$/,
    );
    await expect(source(race).getAttribute("data-tone")).resolves.toBe("error");
    // Five starts and the first read happened before the loop; all five stalled.
    await expect(summary(race)).resolves.toMatch(/5 never finished\.$/);
    await expect(race.locator(".race-mark-stall").count()).resolves.toBe(5);
    await expect(cell.locator(".notebook-output").innerText()).resolves.toMatch(
      /Stopped after 2 seconds/,
    );
    expect(problems.pageErrors).toEqual([]);
    await close();
  });

  test("a snippet the race cannot call says what to export", async () => {
    const { page, cell, race, close } = await openRace();
    await edit(cell);
    await replaceCode(
      page,
      cell,
      naive.replace("export async function callModel", "async function callModel"),
    );
    await run(cell);
    await raceSays(race, "exports none. Keep `export async function callModel(tenantId, req)`.");
    await close();
  });
});
