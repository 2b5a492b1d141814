import { afterAll, describe, expect, test, vi } from "vitest";
import { cacheSavings, modelIds, models } from "cost";

// The snippets print what they compute; keep the test output quiet.
const log = vi.spyOn(console, "log").mockImplementation(() => {});
const { prefix } = await import("../../../content/snippets/prompt-caching/prefix");
const idle = await import("../../../content/snippets/prompt-caching/idle-gaps");
const ceiling = await import("../../../content/snippets/prompt-caching/ceiling");
afterAll(() => log.mockRestore());

const sonnet = models["claude-sonnet-4.5"];
const haiku = models["claude-haiku-4.5"];

// The claims lesson 4's prose and quizzes make about caching and its snippets.
describe("lesson 4 snippets", () => {
  test.each(modelIds.filter((id) => models[id].provider === "anthropic"))(
    "%s writes at 1.25x (5 min) or 2x (1 h) its input price and reads at 0.1x",
    (id) => {
      const model = models[id];
      expect(model.cacheWrite5m / model.input).toBeCloseTo(1.25, 12);
      expect(model.cacheWrite1h / model.input).toBeCloseTo(2, 12);
      expect(model.cacheRead / model.input).toBeCloseTo(0.1, 12);
    },
  );

  test("the 5-minute write pays on the second request, the 1-hour write on the third", () => {
    const ticket = { model: "claude-sonnet-4.5", prefixTokens: 20_000, turns: 10 };
    expect(cacheSavings({ ...ticket, ttl: "5m" }).breakEvenTurn).toBe(2);
    expect(cacheSavings({ ...ticket, ttl: "1h" }).breakEvenTurn).toBe(3);
    expect(cacheSavings({ ...ticket, ttl: "1h" }).cached).toBe(0.174);
    expect(cacheSavings({ ...ticket, ttl: "5m" }).fraction).toBe(0.785);
  });

  test("the ticket: ten requests, four gaps past 5 minutes, so five writes and $0.405", () => {
    expect(idle.minutesBetween).toHaveLength(9);
    expect(idle.writes5m).toBe(5);
    expect(idle.uncached).toBe(0.6);
    expect(idle.cached5m).toBe(0.405);
    expect(idle.cached1h).toBe(0.174);
    // The gaps cost the 5-minute cache most of the saving the chart promises.
    expect(1 - idle.cached5m / idle.uncached).toBeLessThan(0.785 / 2);
    expect(idle.cached1h).toBeLessThan(idle.cached5m);
  });

  test("a request every 7 minutes: the 5-minute cache costs more than no cache", () => {
    const everySeven = idle.minutesBetween.map(() => 7);
    expect(idle.ticketCost(everySeven, "5m")).toBe(0.75);
    expect(idle.ticketCost(everySeven, "none")).toBe(0.6);
    expect(idle.ticketCost(everySeven, "5m")).toBeGreaterThan(idle.ticketCost(everySeven, "none"));
    expect(idle.ticketCost(everySeven, "1h")).toBe(0.174);
  });

  test("3,000 tokens on Haiku 4.5 is under its 4,096 minimum: no saving; 8,000 saves most", () => {
    expect(prefix).toMatchObject({ model: "claude-haiku-4.5", prefixTokens: 3_000, turns: 10 });
    expect(haiku.minCacheableTokens).toBe(4_096);
    expect(sonnet.minCacheableTokens).toBe(1_024);
    const short = cacheSavings(prefix);
    expect(short.cacheable).toBe(false);
    expect(short.saved).toBe(0);
    expect(short.cached).toBe(short.uncached);
    const longer = cacheSavings({ ...prefix, prefixTokens: 8_000 });
    expect(longer.cacheable).toBe(true);
    expect(longer.fraction).toBeGreaterThan(0.5);
  });

  test("the review request: caching saves 43.2%, under the prompt's 60% share; output is 70%", () => {
    expect(ceiling.uncached).toBe(0.075);
    expect(ceiling.cached).toBe(0.0426);
    expect(ceiling.savedFraction).toBeCloseTo(0.432, 12);
    expect(ceiling.promptShare).toBeCloseTo(0.6, 12);
    expect(ceiling.savedFraction).toBeLessThan(ceiling.promptShare);
    expect(ceiling.outputCost).toBe(0.03);
    expect(ceiling.outputShareCached).toBeGreaterThan(0.5);
  });

  test("OpenAI and Gemini write at the plain input price; OpenAI reads vary by model", () => {
    for (const id of ["gpt-5", "gpt-4o", "gemini-2.5-pro"] as const) {
      expect(models[id].cacheWrite5m).toBe(models[id].input);
    }
    expect(models["gpt-5"].minCacheableTokens).toBe(1_024);
    expect(models["gpt-5"].cacheRead / models["gpt-5"].input).toBeCloseTo(0.1, 12);
    expect(models["gpt-4o"].cacheRead / models["gpt-4o"].input).toBeCloseTo(0.5, 12);
  });
});
