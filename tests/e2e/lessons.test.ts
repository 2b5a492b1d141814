// Each lesson as a reader meets it in the built site: what the MDX places
// (snippets, widgets, predictions, quizzes, recap) is on the page and
// works, and every quiz choice explains itself.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { models } from "cost";
import { lessons, quizzesOf } from "../unit/lessons/prose";
import { launchBrowser, newPage, siteUrl, NO_PROBLEMS } from "./browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const WIDGET_IDS: Record<string, string> = {
  PricingSliders: "pricing",
  SessionGrowth: "session",
  CacheSavings: "cache",
  CascadeBreakEven: "cascade",
};

/** What a lesson's MDX places, read from its source. */
function placedIn(source: string) {
  const front = (field: string) =>
    new RegExp(`^${field}:\\s*"?([^"\\n]*)"?$`, "m").exec(source)?.[1]?.trim() ?? "";
  const snippets = [...source.matchAll(/<Snippet\b[^>]*\bsrc="[^"]*\/([\w-]+)\.ts"/g)].map(
    (match) => match[1]!,
  );
  const widgets = [
    ...source.matchAll(
      /<(PricingSliders|SessionGrowth|CacheSavings|CascadeBreakEven|RaceWidget)\b([^>]*)/g,
    ),
  ].map(
    ([, tag = "", attributes = ""]) => /\bid="([^"]+)"/.exec(attributes)?.[1] ?? WIDGET_IDS[tag]!,
  );
  const predictions = [...source.matchAll(/<Predict\b[^>]*?\bid="([^"]+)"/g)].map(
    (match) => match[1]!,
  );
  return {
    title: front("title"),
    level: front("level"),
    minutes: front("minutes"),
    snippets,
    widgets,
    predictions,
  };
}

async function attribute(page: Page, selector: string, name: string): Promise<string[]> {
  return page.$$eval(
    selector,
    (elements, attr) => elements.map((element) => element.getAttribute(attr) ?? ""),
    name,
  );
}

describe.each(lessons)("lesson $slug", ({ slug, source }) => {
  const placed = placedIn(source);

  test("renders what its MDX places, and its islands hydrate", async () => {
    const { context, page, problems } = await newPage(browser);
    await page.goto(siteUrl(`lessons/${slug}/`));
    await expect(page.locator("h1").textContent()).resolves.toBe(placed.title);
    await expect(page.locator(".lesson-kicker").textContent()).resolves.toContain(
      `${placed.level} · ${placed.minutes} min`,
    );

    expect(await attribute(page, ".notebook-cell[data-snippet]", "data-snippet")).toEqual(
      placed.snippets,
    );
    expect(await attribute(page, "[data-predict]", "data-predict")).toEqual(placed.predictions);
    expect(await attribute(page, "[data-quiz]", "data-quiz")).toEqual(
      quizzesOf(source).map((quiz) => quiz.id),
    );
    await expect(page.locator(".recap").count()).resolves.toBe(1);

    for (const id of placed.widgets) {
      const widget = page.locator(`[id="${id}"]`);
      await widget.scrollIntoViewIfNeeded();
      // An island that has hydrated drops its server-rendered marker.
      await expect
        .poll(() => widget.evaluate((node) => node.closest("astro-island")?.hasAttribute("ssr")), {
          timeout: 20_000,
        })
        .toBe(false);
    }
    expect(problems).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test("every choice of every quiz shows its own explanation and verdict", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl(`lessons/${slug}/`));
    for (const quiz of quizzesOf(source)) {
      const fieldset = page.locator(`[data-quiz="${quiz.id}"]`);
      const choices = fieldset.locator("[data-choice]");
      await expect(choices.count()).resolves.toBe(quiz.choices.length);
      for (const [index, expected] of quiz.choices.entries()) {
        const choice = choices.nth(index);
        await choice.locator("label").click();
        const why = choice.locator("[data-why]");
        await expect(why.isVisible()).resolves.toBe(true);
        const explanation = (await why.textContent())!.trim();
        expect(explanation.length).toBeGreaterThan(40);
        const verdict = (await fieldset.locator("[data-quiz-verdict]").textContent())!;
        expect(verdict).toMatch(expected.correct ? /^Right\. / : /^Not quite\. /);
        expect(verdict).not.toMatch(/^Right\. Right/);
        expect(verdict.replace(/\s+/g, " ")).toContain(
          explanation
            .replace(/^Right[.:!]\s*/, "")
            .replace(/\s+/g, " ")
            .slice(0, 60),
        );
      }
    }
    await context.close();
  });
});

describe("every page's footer", () => {
  test("names each provider's pricing page and the date its prices were read", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl("lessons/prompt-caching/"));
    const footer = page.locator("[data-price-sources]");
    const links = await attribute(page, "[data-price-sources] a", "href");
    const sources = [...new Set(Object.values(models).map((model) => model.source))];
    expect(links.sort()).toEqual(sources.sort());
    for (const model of Object.values(models)) {
      await expect(footer.textContent()).resolves.toContain(model.asOf);
    }
    await context.close();
  });
});

describe("a reader whose browser will not store anything", () => {
  test("still gets quiz explanations and predictions, with a note that nothing is kept", async () => {
    const { context, page, problems } = await newPage(browser);
    await page.addInitScript(() => {
      Storage.prototype.setItem = function refuse(): void {
        throw new DOMException("Storage is full", "QuotaExceededError");
      };
    });
    await page.goto(siteUrl("lessons/cost-spike-loop/"));
    const quiz = page.locator("[data-quiz]").first();
    await quiz.locator("[data-choice] label").first().click();
    await expect(quiz.locator("[data-why]").first().isVisible()).resolves.toBe(true);
    await expect(quiz.locator("[data-quiz-note]").textContent()).resolves.toMatch(
      /did not let Crux save it/,
    );

    const predict = page.locator("[data-predict]").first();
    await predict.scrollIntoViewIfNeeded();
    await expect
      .poll(() => predict.evaluate((node) => node.closest("astro-island")?.hasAttribute("ssr")), {
        timeout: 20_000,
      })
      .toBe(false);
    await predict.locator("input").fill("2.50");
    await predict.locator("button[type=submit]").click();
    await expect(predict.locator(".predict-committed").textContent()).resolves.toContain("$2.50");
    await expect(predict.locator(".predict-note").textContent()).resolves.toMatch(
      /did not let Crux save it/,
    );
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
