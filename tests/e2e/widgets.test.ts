import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import {
  cacheSavings,
  costBreakdown,
  cascadeBreakEven,
  cascadeCostNanos,
  costOfNanos,
  formatPercent,
  formatTokens,
  formatUsd,
  models,
  sessionCost,
  strongCostNanos,
  usdFromNanos,
  type CacheMode,
  type CacheTtl,
} from "../../src/cost/index";
import { readFileSync } from "node:fs";
import { launchBrowser, newPage, siteUrl } from "./browser";
import { outputText, replaceCode, run } from "./notebookHelpers";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const LESSONS = {
  pricing: "lessons/per-token-arithmetic/",
  session: "lessons/sessions-grow-quadratically/",
  cache: "lessons/prompt-caching/",
  cascade: "lessons/routing-and-cascades/",
} as const;

type WidgetId = keyof typeof LESSONS;

/**
 * Scrolls a widget into view and waits until it has hydrated and applied
 * the values of the page's link.
 */
async function hydrated(page: Page, id: WidgetId): Promise<Locator> {
  const widget = page.locator(`#${id}`);
  await widget.scrollIntoViewIfNeeded();
  await page.locator(`#${id}[data-hydrated="true"]`).waitFor();
  return widget;
}

async function openWidget(page: Page, id: WidgetId, query = ""): Promise<Locator> {
  await page.goto(siteUrl(LESSONS[id] + query));
  return hydrated(page, id);
}

function figure(widget: Locator, name: string): Promise<string | null> {
  return widget.locator(`[data-figure="${name}"]`).textContent();
}

async function numberIn(widget: Locator, label: string): Promise<number> {
  const box = widget.getByRole("spinbutton", { name: new RegExp(`^${label}`) });
  return Number(await box.inputValue());
}

async function checkedRadio(widget: Locator): Promise<string> {
  return widget.locator('input[type="radio"]:checked').inputValue();
}

/** Focuses a slider and presses a key on it; returns the box's value before and after. */
async function pressOnSlider(widget: Locator, label: string, key: string) {
  const before = await numberIn(widget, label);
  await widget.getByRole("slider", { name: label }).focus();
  await widget.page().keyboard.press(key);
  return { before, after: await numberIn(widget, label) };
}

interface PricingScenario {
  model: string;
  input: number;
  output: number;
  write: number;
  ttl: CacheTtl;
  read: number;
  requests: number;
}

async function pricingScenario(widget: Locator): Promise<PricingScenario> {
  return {
    model: await widget.getByRole("combobox", { name: "Model" }).inputValue(),
    input: await numberIn(widget, "Input tokens per request"),
    output: await numberIn(widget, "Output tokens per request"),
    write: await numberIn(widget, "Cache-write tokens per request"),
    ttl: (await checkedRadio(widget)) as CacheTtl,
    read: await numberIn(widget, "Cache-read tokens per request"),
    requests: await numberIn(widget, "Requests per day"),
  };
}

/** The figures the cost module gives for a pricing scenario. */
function pricingExpected(s: PricingScenario) {
  const usage = {
    inputTokens: s.input,
    outputTokens: s.output,
    cacheWrite5mTokens: s.ttl === "5m" ? s.write : 0,
    cacheWrite1hTokens: s.ttl === "1h" ? s.write : 0,
    cacheReadTokens: s.read,
  };
  const perRequest = costOfNanos(usage, s.model);
  const perDay = perRequest * BigInt(s.requests);
  return {
    perRequest: formatUsd(perRequest),
    perDay: formatUsd(perDay),
    perMonth: formatUsd(perDay * 30n),
  };
}

/** Each row of the bill: the term's cost from costBreakdown, times the volume. */
async function expectTermsMatch(widget: Locator, s: PricingScenario): Promise<void> {
  const bill = costBreakdown(
    {
      inputTokens: s.input,
      outputTokens: s.output,
      cacheWrite5mTokens: s.ttl === "5m" ? s.write : 0,
      cacheWrite1hTokens: s.ttl === "1h" ? s.write : 0,
      cacheReadTokens: s.read,
    },
    s.model,
  );
  const rows = widget.locator("tbody tr[data-term]");
  const count = await rows.count();
  expect(count).toBe(4);
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const name = (await row.getAttribute("data-term")) as keyof typeof bill.terms;
    const term = bill.terms[name];
    const cell = (column: string) => row.locator(`[data-cell="${column}"]`).textContent();
    const perDay = term.costNanos * BigInt(s.requests);
    await expect(cell("tokens-per-request"), name).resolves.toBe(formatTokens(term.tokens));
    await expect(cell("per-request"), name).resolves.toBe(formatUsd(term.costNanos));
    await expect(cell("per-day"), name).resolves.toBe(formatUsd(perDay));
    await expect(cell("per-month"), name).resolves.toBe(formatUsd(perDay * 30n));
  }
}

async function expectPricingMatches(widget: Locator): Promise<void> {
  const scenario = await pricingScenario(widget);
  await expectTermsMatch(widget, scenario);
  const expected = pricingExpected(scenario);
  await expect(figure(widget, "per-request")).resolves.toBe(expected.perRequest);
  await expect(figure(widget, "per-day")).resolves.toBe(expected.perDay);
  await expect(figure(widget, "per-month")).resolves.toBe(expected.perMonth);
}

describe("pricing sliders", () => {
  test("each control moved with the keyboard shows the cost module's figures", async () => {
    const { context, page, problems } = await newPage(browser);
    const widget = await openWidget(page, "pricing");
    await expectPricingMatches(widget);

    for (const label of [
      "Input tokens per request",
      "Output tokens per request",
      "Cache-write tokens per request",
      "Cache-read tokens per request",
      "Requests per day",
    ]) {
      const moved = await pressOnSlider(widget, label, "ArrowRight");
      expect(moved.after, label).toBeGreaterThan(moved.before);
      await expectPricingMatches(widget);
    }

    await widget.getByRole("radio", { name: "5 minutes" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(checkedRadio(widget)).resolves.toBe("1h");
    await expectPricingMatches(widget);

    await widget.getByRole("combobox", { name: "Model" }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(widget.getByRole("combobox", { name: "Model" }).inputValue()).resolves.not.toBe(
      "claude-sonnet-4.5",
    );
    await expectPricingMatches(widget);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  test("the new figure is announced politely once the reader stops", async () => {
    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "pricing");
    const region = widget.locator('[role="status"][aria-live="polite"]');
    await expect(region.textContent()).resolves.toBe("");
    await pressOnSlider(widget, "Requests per day", "ArrowRight");
    const expected = pricingExpected(await pricingScenario(widget));
    await page.waitForFunction(
      (text) => document.querySelector('#pricing [aria-live="polite"]')?.textContent === text,
      `${expected.perMonth} a month, ${expected.perRequest} a request.`,
    );
    await context.close();
  });

  test("a bad link value is clamped, said, and never shown as NaN", async () => {
    const { context, page } = await newPage(browser);
    const query = "?pricing.inputTokens=abc&pricing.requestsPerDay=-5&pricing.model=gpt-9";
    const widget = await openWidget(page, "pricing", query);
    const notes = widget.locator(".widget-notes li");
    await expect(notes.allTextContents()).resolves.toEqual([
      "The link's model, “gpt-9”, is not one of the options; using claude-sonnet-4.5.",
      "The link's input tokens per request, “abc”, is not a number; using 9,350 tokens.",
      "The link's requests per day, “-5”, is below 0 requests; using 0 requests.",
    ]);
    await expect(numberIn(widget, "Requests per day")).resolves.toBe(0);
    await expect(figure(widget, "per-day")).resolves.toBe("$0.00");
    await expect(page.locator("main").textContent()).resolves.not.toContain("NaN");
    await widget.getByRole("button", { name: "Dismiss" }).click();
    await expect(notes.count()).resolves.toBe(0);
    await context.close();
  });

  test("the scenario link reopens the same scenario", async () => {
    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "pricing");
    await pressOnSlider(widget, "Output tokens per request", "PageUp");
    const before = await pricingScenario(widget);
    await widget.getByRole("link", { name: "Link to this scenario" }).click();
    await page.waitForURL(/pricing\.outputTokens=/);
    const reopened = await hydrated(page, "pricing");
    await expect(pricingScenario(reopened)).resolves.toEqual(before);
    await expect(reopened.locator(".widget-notes li").count()).resolves.toBe(0);
    await context.close();
  });
});

interface SessionScenario {
  model: string;
  turns: number;
  prefixTokens: number;
  growthTokensPerTurn: number;
  outputTokensPerTurn: number;
  cache: CacheMode;
}

async function sessionScenario(widget: Locator): Promise<SessionScenario> {
  return {
    model: await widget.getByRole("combobox", { name: "Model" }).inputValue(),
    turns: await numberIn(widget, "Turns"),
    prefixTokens: await numberIn(widget, "Prefix"),
    growthTokensPerTurn: await numberIn(widget, "Growth per turn"),
    outputTokensPerTurn: await numberIn(widget, "Output per turn"),
    cache: (await checkedRadio(widget)) as CacheMode,
  };
}

async function expectSessionMatches(widget: Locator): Promise<void> {
  const scenario = await sessionScenario(widget);
  const session = sessionCost(scenario);
  await expect(figure(widget, "session-cost")).resolves.toBe(formatUsd(session.costNanos));
  await expect(widget.locator(".growth-prefixTokens rect").count()).resolves.toBe(scenario.turns);
  const prefixShare = (scenario.prefixTokens * scenario.turns) / session.promptTokens;
  await expect(figure(widget, "prefix-share")).resolves.toBe(formatPercent(prefixShare));
  await expect(figure(widget, "chart-prefix")).resolves.toBe(
    `Prefix: ${formatPercent(prefixShare)} of prompt tokens`,
  );
}

describe("session growth", () => {
  test("each control moved with the keyboard shows the cost module's session", async () => {
    const { context, page, problems } = await newPage(browser);
    const widget = await openWidget(page, "session");
    await expectSessionMatches(widget);
    for (const label of ["Turns", "Prefix", "Growth per turn", "Output per turn"]) {
      const moved = await pressOnSlider(widget, label, "ArrowRight");
      expect(moved.after, label).toBeGreaterThan(moved.before);
      await expectSessionMatches(widget);
    }
    await widget.getByRole("radio", { name: "None" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(checkedRadio(widget)).resolves.toBe("prefix");
    await expectSessionMatches(widget);
    await page.keyboard.press("ArrowRight");
    await expect(checkedRadio(widget)).resolves.toBe("conversation");
    await expectSessionMatches(widget);

    const model = widget.getByRole("combobox", { name: "Model" });
    const before = await model.inputValue();
    await model.focus();
    await page.keyboard.press("ArrowDown");
    await expect(model.inputValue()).resolves.not.toBe(before);
    await expectSessionMatches(widget);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  test("a bad link value is clamped and said", async () => {
    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "session", "?session.turns=1e9&session.prefixTokens=");
    await expect(widget.locator(".widget-notes li").allTextContents()).resolves.toEqual([
      "The link's number of turns, “1e9”, is above 200 turns; using 200 turns.",
      "The link's prefix, “”, is not a number; using 5,000 tokens.",
    ]);
    await expectSessionMatches(widget);
    await context.close();
  });
});

async function cacheScenario(widget: Locator) {
  return {
    model: await widget.getByRole("combobox", { name: "Model" }).inputValue(),
    prefixTokens: await numberIn(widget, "Prefix"),
    turns: await numberIn(widget, "Turns"),
    ttl: (await checkedRadio(widget)) as CacheTtl,
  };
}

async function expectCacheMatches(widget: Locator): Promise<void> {
  const savings = cacheSavings(await cacheScenario(widget));
  await expect(figure(widget, "uncached")).resolves.toBe(formatUsd(savings.uncachedNanos));
  await expect(figure(widget, "cached")).resolves.toBe(formatUsd(savings.cachedNanos));
  await expect(figure(widget, "saved")).resolves.toBe(
    `${formatUsd(savings.savedNanos)} (${formatPercent(savings.fraction)})`,
  );
  await expect(figure(widget, "break-even")).resolves.toBe(
    savings.breakEvenTurn === null ? "never" : `turn ${savings.breakEvenTurn}`,
  );
}

describe("cache savings", () => {
  test("each control moved with the keyboard shows the cost module's savings", async () => {
    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "cache");
    await expectCacheMatches(widget);
    for (const [label, key] of [
      ["Prefix", "ArrowLeft"],
      ["Turns", "ArrowRight"],
    ] as const) {
      const moved = await pressOnSlider(widget, label, key);
      expect(moved.after, label).not.toBe(moved.before);
      await expectCacheMatches(widget);
    }
    await widget.getByRole("radio", { name: "5 minutes" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(checkedRadio(widget)).resolves.toBe("1h");
    await expectCacheMatches(widget);

    const model = widget.getByRole("combobox", { name: "Model" });
    const before = await model.inputValue();
    await model.focus();
    await page.keyboard.press("ArrowDown");
    await expect(model.inputValue()).resolves.not.toBe(before);
    await expectCacheMatches(widget);
    await context.close();
  });

  test("a prefix under the model's minimum says nothing is cached", async () => {
    const { context, page } = await newPage(browser);
    const query = "?cache.model=claude-haiku-4.5&cache.prefixTokens=3000";
    const widget = await openWidget(page, "cache", query);
    await expect(figure(widget, "minimum")).resolves.toMatch(/caches prefixes of 4,096 tokens/);
    await expect(figure(widget, "break-even")).resolves.toBe("never");
    await expectCacheMatches(widget);
    await context.close();
  });

  test("the reader's values survive a reload; Reset brings the lesson's back", async () => {
    const { context, page } = await newPage(browser);
    let widget = await openWidget(page, "cache");
    const lessonTurns = await numberIn(widget, "Turns");
    const moved = await pressOnSlider(widget, "Turns", "ArrowRight");
    expect(moved.after).not.toBe(lessonTurns);

    await page.reload();
    widget = await hydrated(page, "cache");
    await expect(numberIn(widget, "Turns")).resolves.toBe(moved.after);
    await expectCacheMatches(widget);

    await widget.getByRole("button", { name: "Reset values" }).click();
    await expect(numberIn(widget, "Turns")).resolves.toBe(lessonTurns);
    await page.reload();
    widget = await hydrated(page, "cache");
    await expect(numberIn(widget, "Turns")).resolves.toBe(lessonTurns);
    await expectCacheMatches(widget);
    await context.close();
  });
});

async function cascadeScenario(widget: Locator) {
  return {
    options: {
      cheap: await widget.getByRole("combobox", { name: "Cheap model" }).inputValue(),
      strong: await widget.getByRole("combobox", { name: "Strong model" }).inputValue(),
      inputTokens: await numberIn(widget, "Input tokens per job"),
      outputTokens: await numberIn(widget, "Output tokens per job"),
    },
    rate: (await numberIn(widget, "Escalation rate")) / 100,
  };
}

async function expectCascadeMatches(widget: Locator): Promise<void> {
  const { options, rate } = await cascadeScenario(widget);
  await expect(figure(widget, "cascade")).resolves.toBe(formatUsd(cascadeCostNanos(rate, options)));
  await expect(figure(widget, "strong")).resolves.toBe(formatUsd(strongCostNanos(options)));
  await expect(figure(widget, "break-even")).resolves.toBe(
    formatPercent(cascadeBreakEven(options)),
  );
}

/**
 * What the "Quality alarm at" slider drives: the alarm sentence of the
 * summary and the alarm zone, which starts at the alarm rate on the
 * chart's 0-100% axis and runs to its end.
 */
async function expectAlarmMatches(widget: Locator): Promise<void> {
  const { options } = await cascadeScenario(widget);
  const alarm = (await numberIn(widget, "Quality alarm at")) / 100;
  const summary = (await figure(widget, "summary")) ?? "";
  const sentence = `but past ${formatPercent(alarm)} it is a quality alarm`;
  if (alarm < cascadeBreakEven(options)) expect(summary).toContain(sentence);
  else expect(summary).not.toContain("quality alarm");

  const zone = await widget.locator(".cascade-alarm rect").evaluate((rect) => ({
    x: Number(rect.getAttribute("x")),
    width: Number(rect.getAttribute("width")),
  }));
  const zero = await widget
    .locator(".chart-axis > g", { has: widget.page().getByText("0%", { exact: true }) })
    .first()
    .getAttribute("transform");
  const left = Number(/translate\(([\d.]+),/.exec(zero ?? "")?.[1]);
  const right = zone.x + zone.width;
  expect(zone.x).toBeCloseTo(left + alarm * (right - left), 6);
}

describe("cascade break-even", () => {
  test("each control moved with the keyboard shows the cost module's cascade", async () => {
    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "cascade");
    await expectCascadeMatches(widget);
    for (const label of [
      "Input tokens per job",
      "Output tokens per job",
      "Escalation rate",
      "Quality alarm at",
    ]) {
      const moved = await pressOnSlider(widget, label, "ArrowRight");
      expect(moved.after, label).toBeGreaterThan(moved.before);
      await expectCascadeMatches(widget);
      await expectAlarmMatches(widget);
    }
    const zoneAt = () => widget.locator(".cascade-alarm rect").getAttribute("x");
    const zoneBefore = Number(await zoneAt());
    await pressOnSlider(widget, "Quality alarm at", "ArrowRight");
    expect(Number(await zoneAt())).toBeGreaterThan(zoneBefore);
    await expectAlarmMatches(widget);
    for (const name of ["Cheap model", "Strong model"]) {
      await widget.getByRole("combobox", { name }).focus();
      await page.keyboard.press("ArrowDown");
      await expectCascadeMatches(widget);
    }
    await context.close();
  });

  test("a bad link value is clamped and said", async () => {
    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "cascade", "?cascade.escalationPercent=250");
    await expect(widget.locator(".widget-notes li").allTextContents()).resolves.toEqual([
      "The link's escalation rate, “250”, is above 100%; using 100%.",
    ]);
    await expect(numberIn(widget, "Escalation rate")).resolves.toBe(100);
    await expectCascadeMatches(widget);
    await context.close();
  });
});

/**
 * The widget's height and where each of its parts sits from its top, in
 * pixels: equal before and after hydration when hydrating moves nothing.
 */
function layoutOf(widget: Locator): Promise<Record<string, number>> {
  return widget.evaluate((section) => {
    const top = section.getBoundingClientRect().top;
    const parts: Record<string, number> = { height: section.getBoundingClientRect().height };
    // The lesson text after the widget: what a reader would see move.
    const after = (section.closest("astro-island") ?? section).nextElementSibling;
    if (after) parts.after = after.getBoundingClientRect().top - top;
    section
      .querySelectorAll(":scope > *, .widget-figures, .chart-box, figcaption, table")
      .forEach((part, index) => {
        const box = part.getBoundingClientRect();
        // A part not displayed has no place to keep.
        if (box.width === 0 && box.height === 0) return;
        parts[`${index} ${part.className || part.tagName}`] = box.top - top;
      });
    return parts;
  });
}

/** The budget races, on their lesson. */
const RACE_LESSON = "lessons/budgets-under-concurrency/";
const RACES = ["race-naive", "race-reserve", "race-leak"] as const;

/** Scrolls a race into view and waits until its island has hydrated. */
async function hydratedRace(page: Page, id: string): Promise<Locator> {
  const race = page.locator(`#${id}`);
  await race.scrollIntoViewIfNeeded();
  await page.waitForFunction((raceId) => {
    const island = document.getElementById(raceId)?.closest("astro-island");
    return island !== null && island !== undefined && !island.hasAttribute("ssr");
  }, id);
  return race;
}

/** What a race shows in words: its figures, its step line and its summary. */
async function raceText(race: Locator) {
  return {
    figures: await race.locator(".widget-figures").textContent(),
    step: await race.getByTestId("race-step").textContent(),
    summary: await race.getByTestId("race-summary").textContent(),
  };
}

describe("every widget", () => {
  const ids = Object.keys(LESSONS) as WidgetId[];

  test.each(RACES)(
    "%s reads correctly before any script runs, and hydrating moves nothing",
    async (id) => {
      const noScript = await newPage(browser, { javaScriptEnabled: false });
      await noScript.page.goto(siteUrl(RACE_LESSON));
      const staticRace = noScript.page.locator(`#${id}`);
      const staticText = await raceText(staticRace);
      const staticLayout = await layoutOf(staticRace);
      const staticLanes = await staticRace.locator(".race-lane").count();
      await noScript.context.close();
      expect(staticLanes).toBeGreaterThan(0);
      expect(staticText.figures).not.toContain("NaN");
      expect(staticText.summary).toMatch(/^\d+ of \d+ requests called the model/);
      // Reduced motion: the whole race stays on screen, word for word.
      const still = await newPage(browser, { reducedMotion: "reduce" });
      await still.page.goto(siteUrl(RACE_LESSON));
      const race = await hydratedRace(still.page, id);
      await race.getByRole("button", { name: "Replay" }).waitFor();
      await expect(raceText(race)).resolves.toEqual(staticText);
      await expect(layoutOf(race)).resolves.toEqual(staticLayout);
      await still.context.close();

      // Motion allowed: it jumps to the start and plays, and nothing moves.
      const moving = await newPage(browser, { reducedMotion: "no-preference" });
      await moving.page.goto(siteUrl(RACE_LESSON));
      const playing = await hydratedRace(moving.page, id);
      await playing.getByRole("button", { name: "Pause" }).waitFor();
      await expect(layoutOf(playing)).resolves.toEqual(staticLayout);
      await moving.context.close();
    },
  );

  test.each(RACES)("%s fits a 360-pixel screen and draws at its real width", async (id) => {
    const { context, page } = await newPage(browser, { viewport: { width: 360, height: 740 } });
    await page.goto(siteUrl(RACE_LESSON));
    await hydratedRace(page, id);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await page.waitForFunction((raceId) => {
      const svgs = document.querySelectorAll(
        `#${raceId} .race-gauge-box svg, #${raceId} .race-lanes-box svg`,
      );
      return (
        svgs.length === 2 &&
        [...svgs].every((svg) => {
          const drawn = Number(svg.getAttribute("viewBox")?.split(" ")[2]);
          return Math.abs(drawn - svg.getBoundingClientRect().width) <= 1;
        })
      );
    }, id);
    await context.close();
  });

  test.each(ids)(
    "%s reads correctly before any script runs, and hydrating moves nothing",
    async (id) => {
      const noScript = await newPage(browser, { javaScriptEnabled: false });
      await noScript.page.goto(siteUrl(LESSONS[id]));
      const staticWidget = noScript.page.locator(`#${id}`);
      const staticText = await staticWidget.locator(".widget-figures").textContent();
      const staticLayout = await layoutOf(staticWidget);
      await noScript.context.close();
      expect(staticText).not.toContain("NaN");

      const { context, page } = await newPage(browser);
      const widget = await openWidget(page, id);
      await expect(widget.locator(".widget-figures").textContent()).resolves.toBe(staticText);
      await expect(layoutOf(widget)).resolves.toEqual(staticLayout);
      await context.close();
    },
  );

  test.each(ids)("%s fits a 360-pixel screen and draws at its real width", async (id) => {
    const { context, page } = await newPage(browser, { viewport: { width: 360, height: 740 } });
    const widget = await openWidget(page, id);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    if ((await widget.locator(".chart-box svg").count()) > 0) {
      // The chart is redrawn at its box's width once mounted.
      await page.waitForFunction((widgetId) => {
        const svg = document.querySelector(`#${widgetId} .chart-box svg`);
        const drawn = Number(svg?.getAttribute("viewBox")?.split(" ")[2]);
        return Math.abs(drawn - (svg?.getBoundingClientRect().width ?? 0)) <= 1;
      }, id);
    }
    await context.close();
  });

  test("transitions stop under prefers-reduced-motion", async () => {
    const duration = async (reducedMotion: "reduce" | "no-preference") => {
      const { context, page } = await newPage(browser, { reducedMotion });
      const widget = await openWidget(page, "pricing");
      const value = await widget
        .locator(".widget-animate")
        .first()
        .evaluate((part) => getComputedStyle(part).transitionDuration);
      await context.close();
      return value;
    };
    await expect(duration("reduce")).resolves.toBe("0s");
    await expect(duration("no-preference")).resolves.not.toBe("0s");
  });

  test("the dark theme's colors reach the widgets", async () => {
    const { context, page } = await newPage(browser, { colorScheme: "dark" });
    const widget = await openWidget(page, "session");
    const colors = await widget.evaluate((element) => ({
      background: getComputedStyle(element).backgroundColor,
      bar: getComputedStyle(element.querySelector(".growth-prefixTokens")!).fill,
    }));
    expect(colors).toEqual({ background: "rgb(17, 19, 24)", bar: "rgb(143, 176, 255)" });
    await context.close();
  });

  test.each(RACES)("the dark theme's colors reach %s", async (id) => {
    const { context, page } = await newPage(browser, { colorScheme: "dark" });
    await page.goto(siteUrl(RACE_LESSON));
    const race = await hydratedRace(page, id);
    const colors = await race.evaluate((element) => ({
      background: getComputedStyle(element).backgroundColor,
      text: getComputedStyle(element.querySelector(".race-summary")!).color,
      track: getComputedStyle(element.querySelector(".race-gauge-track")!).fill,
      limit: getComputedStyle(element.querySelector(".race-gauge-limit")!).stroke,
    }));
    expect(colors).toEqual({
      background: "rgb(17, 19, 24)",
      text: "rgb(232, 234, 239)",
      track: "rgb(26, 29, 36)",
      limit: "rgb(255, 138, 128)",
    });
    await context.close();
  });
});

/** A shipped snippet's text, to edit as a reader would. */
function snippetText(path: string): string {
  return readFileSync(new URL(`../../content/snippets/${path}`, import.meta.url), "utf8");
}

/** `text` with `from` replaced by `to`, failing if `from` is not there. */
function edited(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

/** The snippet cell `snippetId` on the page, hydrated. */
async function snippetCell(page: Page, snippetId: string): Promise<Locator> {
  const cell = page.locator(`[data-snippet="${snippetId}"]`);
  await cell.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (id) =>
      !document.querySelector(`astro-island:has([data-snippet="${id}"])`)?.hasAttribute("ssr"),
    snippetId,
  );
  return cell;
}

/** Runs the cell and checks the run ended well, showing its output if not. */
async function runOk(cell: Locator): Promise<void> {
  const state = await run(cell);
  expect(state, await outputText(cell)).toBe("ok");
}

/**
 * Replaces the cell's code and runs it. Typing may start runs of its own,
 * so callers poll the widget for the figures the edited code gives.
 */
async function editAndRun(page: Page, cell: Locator, code: string): Promise<void> {
  // Running may already have opened the editor; otherwise Edit opens it.
  const edit = cell.getByRole("button", { name: "Edit", exact: true });
  if (await edit.isVisible()) await edit.click();
  await cell.locator(".monaco-editor textarea, textarea.notebook-textarea").first().waitFor();
  await replaceCode(page, cell, code);
  await cell.getByRole("button", { name: "Run", exact: true }).click();
}

/** Polls a widget's reading until it settles on the expected value. */
const SNIPPET_RUN_TIMEOUT = { timeout: 30_000 };

describe("a snippet's exports redraw its widget", () => {
  test("the negotiated price and scenario reprice the pricing sliders", async () => {
    const { context, page, problems } = await newPage(browser);
    const widget = await openWidget(page, "pricing");
    const cell = await snippetCell(page, "negotiated-price");
    await runOk(cell);
    await widget.locator('[data-follows-snippet][data-state="ok"]').waitFor();
    const negotiated = {
      ...models["claude-sonnet-4.5"],
      id: "sonnet-4.5-negotiated",
      label: "Sonnet 4.5, negotiated",
      input: 2.4,
    };
    const usage = { inputTokens: 9_350, outputTokens: 200 };
    await expect(figure(widget, "per-request")).resolves.toBe(
      formatUsd(costOfNanos(usage, negotiated)),
    );

    const original = snippetText("per-token-arithmetic/negotiated-price.ts");
    const code = edited(
      edited(original, "input: 2.4,", "input: 1.5,"),
      "requestsPerDay: 100,",
      "requestsPerDay: 400,",
    );
    await editAndRun(page, cell, code);
    const cheaper = costOfNanos(usage, { ...negotiated, input: 1.5 });
    await expect
      .poll(() => figure(widget, "per-day"), SNIPPET_RUN_TIMEOUT)
      .toBe(formatUsd(cheaper * 400n));
    await expect(figure(widget, "per-request")).resolves.toBe(formatUsd(cheaper));
    await expect(numberIn(widget, "Requests per day")).resolves.toBe(400);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  test("an edited session redraws the growth chart", async () => {
    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "session");
    const cell = await snippetCell(page, "session");
    await runOk(cell);
    const original = snippetText("sessions-grow-quadratically/session.ts");
    const code = edited(
      edited(original, "turns: 30,", "turns: 12,"),
      'cache: "none",',
      'cache: "prefix",',
    );
    await editAndRun(page, cell, code);
    await expect.poll(() => checkedRadio(widget), SNIPPET_RUN_TIMEOUT).toBe("prefix");
    await expect(numberIn(widget, "Turns")).resolves.toBe(12);
    await expectSessionMatches(widget);
    await context.close();
  });

  test("an edited prefix past the minimum starts the cache saving", async () => {
    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "cache");
    const cell = await snippetCell(page, "prefix");
    await runOk(cell);
    await widget.locator('[data-follows-snippet][data-state="ok"]').waitFor();
    await expect(figure(widget, "minimum")).resolves.toMatch(/4,096 tokens or more/);
    await expectCacheMatches(widget);

    const original = snippetText("prompt-caching/prefix.ts");
    const code = edited(original, "prefixTokens: 3_000,", "prefixTokens: 8_000,");
    await editAndRun(page, cell, code);
    await expect.poll(() => numberIn(widget, "Prefix"), SNIPPET_RUN_TIMEOUT).toBe(8_000);
    await expect(figure(widget, "minimum")).resolves.toBe("");
    await expectCacheMatches(widget);
    await context.close();
  });

  test("an edited costPerJob is drawn on the cascade chart", async () => {
    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "cascade");
    const cell = await snippetCell(page, "cost-per-job");
    await runOk(cell);
    await widget.locator(".cascade-reader").waitFor();
    const options = {
      cheap: "claude-haiku-4.5",
      strong: "claude-sonnet-4.5",
      inputTokens: 3_000,
      outputTokens: 600,
    };
    const judge = (usage: object) => costOfNanos(usage, "claude-haiku-4.5");
    const reading = (judgeNanos: bigint) =>
      `Your costPerJob(0.1) returns ${formatUsd(
        usdFromNanos(cascadeCostNanos(0.1, options) + judgeNanos),
      )}.`;
    await expect(figure(widget, "reader")).resolves.toBe(
      ` ${reading(judge({ inputTokens: 800, outputTokens: 20 }))}`,
    );

    const original = snippetText("routing-and-cascades/cost-per-job.ts");
    const code = edited(original, "inputTokens: 800,", "inputTokens: 8_000,");
    await editAndRun(page, cell, code);
    await expect
      .poll(() => figure(widget, "reader"), SNIPPET_RUN_TIMEOUT)
      .toBe(` ${reading(judge({ inputTokens: 8_000, outputTokens: 20 }))}`);
    await expectCascadeMatches(widget);
    await context.close();
  });
});

describe("the budget race with motion allowed", () => {
  /** The scrubber's position: how many frames have played. */
  async function position(race: Locator): Promise<number> {
    return Number(await race.getByRole("slider", { name: "Position in the race" }).inputValue());
  }

  /** Waits until the race has played past frame `from`. */
  async function nextFrame(race: Locator, from: number, timeout = 10_000): Promise<number> {
    await expect.poll(() => position(race), { timeout }).toBeGreaterThan(from);
    return position(race);
  }

  test.each([
    [360, 740],
    [1280, 800],
  ])("plays at %s px without moving the lesson, frame after frame", async (width, height) => {
    const { context, page, problems } = await newPage(browser, { viewport: { width, height } });
    await page.goto(siteUrl(RACE_LESSON));
    const race = await hydratedRace(page, "race-naive");
    await race.getByRole("button", { name: "Pause" }).waitFor();
    const first = await layoutOf(race);
    const steps = new Set<string>();
    let frame = await position(race);
    while (frame < 7) {
      steps.add(await race.getByTestId("race-step").innerText());
      await expect(layoutOf(race), `frame ${frame}`).resolves.toEqual(first);
      frame = await nextFrame(race, frame);
    }
    // Short and long sentences both came by: the test saw what could move.
    const lengths = [...steps].map((step) => step.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeGreaterThan(60);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  test("pause, scrub and speed work in Chromium", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(siteUrl(RACE_LESSON));
    const race = await hydratedRace(page, "race-naive");
    const step = race.getByTestId("race-step");
    const scrubber = race.getByRole("slider", { name: "Position in the race" });
    const total = Number(await scrubber.getAttribute("max"));
    await race.getByRole("button", { name: "Pause" }).waitFor();
    await nextFrame(race, 0);

    // Pause: two frames' time later, still the same frame.
    await race.getByRole("button", { name: "Pause" }).click();
    await race.getByRole("button", { name: "Play" }).waitFor();
    const paused = { at: await position(race), text: await step.innerText() };
    await page.waitForTimeout(2_000);
    await expect(position(race)).resolves.toBe(paused.at);
    await expect(step.innerText()).resolves.toBe(paused.text);

    // Scrub from the keyboard: the start, one frame on, the end.
    await scrubber.focus();
    await page.keyboard.press("Home");
    await expect(step.innerText()).resolves.toBe("5 requests are about to start.");
    await expect(race.locator('[data-figure="committed"]').textContent()).resolves.toBe("$0.90");
    await page.keyboard.press("ArrowRight");
    await expect(step.innerText()).resolves.toBe("At 0 ms: 5 requests start at once.");
    await page.keyboard.press("End");
    await expect(position(race)).resolves.toBe(total);
    await expect(step.innerText()).resolves.toMatch(/\$1\.15 committed\. Request \d is done\.$/);
    await expect(race.locator('[data-figure="over"]').textContent()).resolves.toBe("$0.15 (15%)");
    await race.getByRole("button", { name: "Replay" }).waitFor();

    // Speed 4×: the whole race replays in a quarter of the time. At 1× its
    // frames alone would take total × 0.9 s; a loaded machine adds less.
    await race.getByRole("combobox", { name: "Speed" }).selectOption("4");
    const started = Date.now();
    await race.getByRole("button", { name: "Replay" }).click();
    await expect.poll(() => position(race), { timeout: 30_000 }).toBe(total);
    expect(Date.now() - started).toBeLessThan(total * 900);
    await race.getByRole("button", { name: "Replay" }).waitFor();
    await context.close();
  });
});

describe("a link's notes", () => {
  test("float over the controls: the widget and the lesson below keep their places", async () => {
    const plain = await newPage(browser);
    const before = await layoutOf(await openWidget(plain.page, "session"));
    await plain.context.close();

    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "session", "?session.turns=&session.cache=all");
    await expect(widget.locator(".widget-notes li").count()).resolves.toBe(2);
    const notes = await widget.locator(".widget-notes").boundingBox();
    expect(notes?.height).toBeGreaterThan(20);
    const after = await layoutOf(widget);
    // Every part but the notes themselves stays where it was.
    const without = (layout: Record<string, number>) =>
      Object.fromEntries(Object.entries(layout).filter(([part]) => !part.includes("notes")));
    expect(without(after)).toEqual(without(before));
    // They can be read and dismissed: the Dismiss button is not covered.
    await widget.getByRole("button", { name: "Dismiss" }).click();
    await expect(widget.locator(".widget-notes li").count()).resolves.toBe(0);
    await context.close();
  });
});

describe("share links", () => {
  test("Link to this scenario keeps other widgets' values from the address", async () => {
    const { context, page } = await newPage(browser);
    const widget = await openWidget(page, "cache", "?other.turns=7&cache.turns=4");
    await pressOnSlider(widget, "Turns", "ArrowRight");
    const link = widget.getByRole("link", { name: "Link to this scenario" });
    const href = new URL((await link.getAttribute("href")) ?? "", page.url());
    expect(href.searchParams.get("other.turns")).toBe("7");
    expect(href.searchParams.getAll("cache.turns")).toEqual([
      String(await numberIn(widget, "Turns")),
    ]);
    await link.click();
    await page.waitForURL(/other\.turns=7/);
    const reopened = await hydrated(page, "cache");
    await expect(numberIn(reopened, "Turns")).resolves.toBe(
      Number(href.searchParams.get("cache.turns")),
    );
    await context.close();
  });
});

describe("typing after a first run", () => {
  test("redraws the widget through the debounced re-run, without Run", async () => {
    const { context, page, problems } = await newPage(browser);
    const widget = await openWidget(page, "session");
    const cell = await snippetCell(page, "session");
    await runOk(cell);
    await widget.locator('[data-follows-snippet][data-state="ok"]').waitFor();
    await expect(numberIn(widget, "Turns")).resolves.toBe(30);

    const edit = cell.getByRole("button", { name: "Edit", exact: true });
    if (await edit.isVisible()) await edit.click();
    await cell.locator(".monaco-editor textarea, textarea.notebook-textarea").first().waitFor();
    const original = snippetText("sessions-grow-quadratically/session.ts");
    await replaceCode(page, cell, edited(original, "turns: 30,", "turns: 17,"));
    // No Run press: the cell re-runs on its own once typing stops.
    await expect.poll(() => numberIn(widget, "Turns"), SNIPPET_RUN_TIMEOUT).toBe(17);
    await expectSessionMatches(widget);
    await expect(widget.locator("[data-follows-snippet]").textContent()).resolves.toMatch(
      /^Drawn from your snippet's run [2-9]\d*\.$/,
    );
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
