import { describe, expect, it } from "vitest";
import { cacheSavings, CostInputError, formatPercent, prefixCost, prefixCostNanos } from "cost";

const prefix = { prefixTokens: 10_000, model: "claude-sonnet-4.5" };

describe("prefixCost(turns, cached, { prefixTokens, model, ttl })", () => {
  it("pays the input rate on every turn uncached", () => {
    expect(prefixCost(50, false, prefix)).toBe(1.5);
    expect(prefixCost(1, false, prefix)).toBe(0.03);
  });

  it("pays one 5-minute write then reads when cached", () => {
    // 10,000 × $3.75/M + 49 × 10,000 × $0.30/M
    expect(prefixCost(50, true, prefix)).toBe(0.1845);
    expect(prefixCost(1, true, prefix)).toBe(0.0375);
    expect(prefixCost(2, true, prefix)).toBe(0.0405);
  });

  it("pays the 1-hour write rate, 2× input, with ttl 1h", () => {
    expect(prefixCost(1, true, { ...prefix, ttl: "1h" })).toBe(0.06);
    expect(prefixCost(50, true, { ...prefix, ttl: "1h" })).toBe(0.207);
  });

  it("does not cache a prefix below the model's minimum", () => {
    const short = { prefixTokens: 1023, model: "claude-sonnet-4.5" };
    expect(prefixCostNanos(10, true, short)).toBe(prefixCostNanos(10, false, short));
  });

  it("chooses the long-context tier by the prefix's own length", () => {
    const long = { prefixTokens: 250_000, model: "claude-sonnet-4.5" };
    expect(prefixCost(1, false, long)).toBe(1.5);
  });

  it("charges OpenAI's automatic cache writes at the input rate", () => {
    const gpt = { prefixTokens: 10_000, model: "gpt-5" };
    expect(prefixCost(1, true, gpt)).toBe(prefixCost(1, false, gpt));
    expect(prefixCost(2, true, gpt)).toBe(0.01375);
  });

  it.each([
    [0, true, "turns"],
    [1.5, true, "turns"],
    [2, "yes", "cached"],
  ])("rejects turns %o, cached %o, naming %s", (turns, cached, field) => {
    let error: unknown;
    try {
      prefixCost(turns, cached as boolean, prefix);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CostInputError);
    expect((error as CostInputError).field).toBe(field);
  });

  it("rejects options that belong to cacheSavings", () => {
    expect(() => prefixCost(2, true, { ...prefix, turns: 2 } as never)).toThrow(
      /^options\.turns must be left out/,
    );
  });
});

describe("cacheSavings({ turns, prefixTokens, model, ttl })", () => {
  it("saves 87.7% of a 10,000-token prefix over 50 Sonnet 4.5 turns", () => {
    const savings = cacheSavings({ ...prefix, turns: 50 });
    expect(savings).toMatchObject({
      uncached: 1.5,
      cached: 0.1845,
      saved: 1.3155,
      breakEvenTurn: 2,
      cacheable: true,
      uncachedNanos: 1_500_000_000n,
      cachedNanos: 184_500_000n,
      savedNanos: 1_315_500_000n,
    });
    expect(savings.fraction).toBe(0.877);
    expect(formatPercent(savings.fraction)).toBe("87.7%");
  });

  it("wins at turn 2: 1.35× the input price against 2×", () => {
    const two = cacheSavings({ ...prefix, turns: 2 });
    expect(two.cachedNanos * 200n).toBe(two.uncachedNanos * 135n);
    expect(two.saved).toBeGreaterThan(0);
    const one = cacheSavings({ ...prefix, turns: 1 });
    expect(one.saved).toBe(-0.0075);
    expect(one.fraction).toBe(-0.25);
  });

  it("breaks even a turn later when the write costs 2× with ttl 1h", () => {
    const hour = cacheSavings({ ...prefix, turns: 50, ttl: "1h" });
    expect(hour.cached).toBe(0.207);
    expect(hour.breakEvenTurn).toBe(3);
    expect(cacheSavings({ ...prefix, turns: 2, ttl: "1h" }).saved).toBeLessThan(0);
    expect(cacheSavings({ ...prefix, turns: 3, ttl: "1h" }).saved).toBeGreaterThan(0);
  });

  it("wins from turn 2 for OpenAI, whose writes cost the input rate", () => {
    expect(cacheSavings({ prefixTokens: 2000, model: "gpt-4o", turns: 5 }).breakEvenTurn).toBe(2);
  });

  it("never breaks even for a prefix too short to cache", () => {
    const short = cacheSavings({ prefixTokens: 4000, model: "claude-opus-4.5", turns: 20 });
    expect(short).toMatchObject({ cacheable: false, breakEvenTurn: null, saved: 0, fraction: 0 });
  });

  it("saves nothing on an empty prefix", () => {
    const empty = cacheSavings({ prefixTokens: 0, model: "gpt-4o", turns: 3 });
    expect(empty).toMatchObject({ uncached: 0, cached: 0, fraction: 0, breakEvenTurn: null });
  });

  it("names bad options", () => {
    expect(() => cacheSavings({ ...prefix, turns: 0 })).toThrow(
      /^options\.turns must be a whole number of turns ≥ 1/,
    );
    expect(() => cacheSavings({ ...prefix, turns: 3, ttl: "1d" as never })).toThrow(
      /^options\.ttl must be one of/,
    );
    expect(() => cacheSavings({ ...prefix, prefixTokens: -5, turns: 3 })).toThrow(
      /^options\.prefixTokens must be/,
    );
  });
});
