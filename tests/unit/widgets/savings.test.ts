import { describe, expect, test } from "vitest";
import { cacheSavings, costOfNanos, prefixCostNanos } from "cost";
import { fallbackValues } from "../../../components/widgets/shared/scenario";
import {
  breakEvenWords,
  cacheFigures,
  cacheSchema,
  type CacheValues,
} from "../../../components/widgets/CacheSavings/savings";

const defaults = fallbackValues(cacheSchema);

function scenario(changes: Partial<CacheValues>): CacheValues {
  return { ...defaults, ...changes };
}

describe("cacheFigures(values)", () => {
  test("is the cost module's cacheSavings for each lifetime", () => {
    const figures = cacheFigures(defaults);
    const options = { model: "claude-sonnet-4.5", prefixTokens: 20_000, turns: 10 };
    expect(figures.byTtl["5m"]).toEqual(cacheSavings({ ...options, ttl: "5m" }));
    expect(figures.byTtl["1h"]).toEqual(cacheSavings({ ...options, ttl: "1h" }));
    expect(figures.savings).toBe(figures.byTtl["5m"]);
  });

  test("the chart's points are the prefix's running costs", () => {
    const figures = cacheFigures(scenario({ turns: 4, ttl: "1h" }));
    const options = { model: "claude-sonnet-4.5", prefixTokens: 20_000, ttl: "1h" } as const;
    expect(figures.points).toEqual(
      [1, 2, 3, 4].map((turn) => ({
        turn,
        uncachedNanos: prefixCostNanos(turn, false, options),
        cachedNanos: prefixCostNanos(turn, true, options),
      })),
    );
  });

  test("prices the prefix once as input, each write and a read", () => {
    const { prices } = cacheFigures(defaults);
    const model = "claude-sonnet-4.5";
    expect(prices.input).toBe(costOfNanos({ inputTokens: 20_000 }, model));
    expect(prices.write5m).toBe(costOfNanos({ cacheWrite5mTokens: 20_000 }, model));
    expect(prices.write1h).toBe(costOfNanos({ cacheWrite1hTokens: 20_000 }, model));
    expect(prices.read).toBe(costOfNanos({ cacheReadTokens: 20_000 }, model));
  });

  test("a prefix under the model's minimum is said to be ignored", () => {
    const figures = cacheFigures(scenario({ model: "claude-haiku-4.5", prefixTokens: 3_000 }));
    expect(figures.savings.cacheable).toBe(false);
    expect(figures.minimumNote).toBe(
      "Claude Haiku 4.5 caches prefixes of 4,096 tokens or more. A 3,000-token prefix is " +
        "below that: the cache breakpoint is ignored, nothing is written or read, and " +
        "every turn pays the full input price.",
    );
    expect(figures.summary).toMatch(/: nothing is cached\.$/);
    expect(cacheFigures(defaults).minimumNote).toBe("");
  });

  test("one turn loses the write premium, and says so", () => {
    const figures = cacheFigures(scenario({ turns: 1 }));
    expect(figures.savings.savedNanos < 0n).toBe(true);
    expect(figures.summary).toContain("losing $0.015 to the write premium");
  });

  test.each([
    [1, "Over 1 turn the 20,000-token prefix costs"],
    [2, "Over 2 turns the 20,000-token prefix costs"],
  ])("the summary counts %s turn(s) in the right number", (turns, opening) => {
    expect(cacheFigures(scenario({ turns })).summary.startsWith(opening)).toBe(true);
  });
});

describe("breakEvenWords(savings, turns)", () => {
  test.each([
    [null, 10, "Caching never wins here."],
    [1, 10, "Caching wins from the first turn."],
    [3, 10, "Caching wins from turn 3."],
    [3, 2, "Caching wins from turn 3, beyond these 2 turns."],
    [2, 1, "Caching wins from turn 2, beyond this one turn."],
  ])("break-even %s over %s turns", (breakEvenTurn, turns, words) => {
    const savings = cacheSavings({ model: "gpt-5", prefixTokens: 2_000, turns: 2 });
    expect(breakEvenWords({ ...savings, breakEvenTurn }, turns)).toBe(words);
  });
});
