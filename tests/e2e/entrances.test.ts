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

const lesson = "lessons/cost-spike-loop/";

async function answerFirstQuiz(page: Page): Promise<string> {
  const quiz = page.locator("[data-quiz]").first();
  await quiz.locator("[data-choice-input]").first().check();
  return (await quiz.locator("[data-quiz-verdict]").textContent()) ?? "";
}

describe("bad input at every entrance", () => {
  test.each([
    ["an odd query string", `${lesson}?q=%3Cscript%3Ealert(1)%3C/script%3E&x=%E0%A4%A`],
    ["a malformed hash", `${lesson}#%E0%A4%A`],
    ["a hash naming no section", `${lesson}#no-such-section`],
    ["a very long hash", `${lesson}#${"x".repeat(20_000)}`],
  ])("%s still shows the lesson", async (_case, path) => {
    const { context, page, problems } = await newPage(browser);
    const response = await page.goto(siteUrl(path));
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toBe("The cost-spike loop");
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  test("a missing lesson gets the 404 page with a way back", async () => {
    const { context, page } = await newPage(browser);
    const response = await page.goto(siteUrl("lessons/quadratic-everything/"));
    expect(response?.status()).toBe(404);
    await expect(page.locator("main a").textContent()).resolves.toMatch(/lessons/);
    await context.close();
  });

  test("with storage disabled, quizzes still answer and the home page says nothing is kept", async () => {
    const { context, page, problems } = await newPage(browser);
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The user denied storage", "SecurityError");
        },
      });
    });
    await page.goto(siteUrl(lesson));
    await expect(answerFirstQuiz(page)).resolves.toMatch(/^(Right|Not quite)\./);
    await page.goto(siteUrl());
    await expect(page.locator("[data-progress-note]").textContent()).resolves.toMatch(
      /does not let Crux store anything/,
    );
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  test("with storage full, a quiz answer still shows its explanation", async () => {
    const { context, page, problems } = await newPage(browser);
    await page.addInitScript(() => {
      Storage.prototype.setItem = function refuse(): void {
        throw new DOMException("Storage is full", "QuotaExceededError");
      };
    });
    await page.goto(siteUrl(lesson));
    await expect(answerFirstQuiz(page)).resolves.toMatch(/^(Right|Not quite)\./);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  test("corrupted progress in storage is ignored, not fatal", async () => {
    const { context, page, problems } = await newPage(browser);
    await page.addInitScript(() => {
      localStorage.setItem("crux:progress:v1", "{not json");
    });
    await page.goto(siteUrl());
    await expect(page.locator("[data-altitude]").textContent()).resolves.toBe("Zero");
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});

describe("progress", () => {
  test("an answered quiz survives a reload, shows on the home page, and erases", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl(lesson));
    await answerFirstQuiz(page);
    await page.reload();
    await expect(
      page.locator("[data-quiz]").first().locator("[data-choice-input]").first().isChecked(),
    ).resolves.toBe(true);

    await page.goto(siteUrl());
    const card = page.locator('[data-lesson="01-cost-spike-loop"]');
    await expect(card.getAttribute("data-state")).resolves.toBe("in progress");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.locator("[data-progress-erase]").click();
    await expect(card.getAttribute("data-state")).resolves.toBe("not started");
    await expect(page.locator("[data-progress-status]").textContent()).resolves.toMatch(/^Erased/);
    await context.close();
  });
});
