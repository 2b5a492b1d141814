import { describe, expect, it } from "vitest";
import { CostInputError, getModel, modelIds, models, type ModelPrice } from "cost";
import { isLongContext, ratesNanos } from "../../../src/cost/models";

describe("models", () => {
  it("holds the models the lessons name", () => {
    for (const id of [
      "claude-haiku-4.5",
      "claude-sonnet-4.5",
      "claude-opus-4.5",
      "gpt-4o",
      "gpt-5",
      "gemini-2.5-pro",
    ]) {
      expect(modelIds).toContain(id);
    }
  });

  it("keys every entry by its own id", () => {
    for (const id of modelIds) expect(models[id].id).toBe(id);
  });

  it("is frozen, entries and tiers included", () => {
    expect(Object.isFrozen(models)).toBe(true);
    expect(Object.isFrozen(modelIds)).toBe(true);
    for (const id of modelIds) {
      expect(Object.isFrozen(models[id])).toBe(true);
      const tier = models[id].longContext;
      if (tier) expect(Object.isFrozen(tier)).toBe(true);
    }
  });

  it("dates and sources every price", () => {
    for (const id of modelIds) {
      expect(models[id].asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(models[id].source).toMatch(/^https:\/\//);
    }
  });

  // The pinned prices, USD per million: input, output, 5m write, 1h write,
  // read, minimum cacheable prompt.
  it.each([
    ["claude-haiku-4.5", 1, 5, 1.25, 2, 0.1, 4096],
    ["claude-sonnet-4.5", 3, 15, 3.75, 6, 0.3, 1024],
    ["claude-opus-4.5", 5, 25, 6.25, 10, 0.5, 4096],
    ["claude-opus-4.1", 15, 75, 18.75, 30, 1.5, 1024],
    ["claude-sonnet-4", 3, 15, 3.75, 6, 0.3, 1024],
    ["claude-haiku-3.5", 0.8, 4, 1, 1.6, 0.08, 2048],
    ["gpt-4o", 2.5, 10, 2.5, 2.5, 1.25, 1024],
    ["gpt-4o-mini", 0.15, 0.6, 0.15, 0.15, 0.075, 1024],
    ["gpt-4.1", 2, 8, 2, 2, 0.5, 1024],
    ["gpt-4.1-mini", 0.4, 1.6, 0.4, 0.4, 0.1, 1024],
    ["gpt-5", 1.25, 10, 1.25, 1.25, 0.125, 1024],
    ["gpt-5-mini", 0.25, 2, 0.25, 0.25, 0.025, 1024],
    ["gpt-5-nano", 0.05, 0.4, 0.05, 0.05, 0.005, 1024],
    ["gemini-2.5-pro", 1.25, 10, 1.25, 1.25, 0.125, 2048],
    ["gemini-2.5-flash", 0.3, 2.5, 0.3, 0.3, 0.03, 1024],
  ] as const)("%s costs %s in, %s out, writes %s/%s, reads %s, caches from %s", (id, ...rest) => {
    const [input, output, cacheWrite5m, cacheWrite1h, cacheRead, minCacheableTokens] = rest;
    expect(getModel(id)).toMatchObject({
      input,
      output,
      cacheWrite5m,
      cacheWrite1h,
      cacheRead,
      minCacheableTokens,
    });
  });

  it.each([
    [
      "claude-sonnet-4.5",
      { input: 6, output: 22.5, cacheWrite5m: 7.5, cacheWrite1h: 12, cacheRead: 0.6 },
    ],
    [
      "claude-sonnet-4",
      { input: 6, output: 22.5, cacheWrite5m: 7.5, cacheWrite1h: 12, cacheRead: 0.6 },
    ],
    [
      "gemini-2.5-pro",
      { input: 2.5, output: 15, cacheWrite5m: 2.5, cacheWrite1h: 2.5, cacheRead: 0.25 },
    ],
  ] as const)("%s has a long-context tier above 200,000 prompt tokens", (id, rates) => {
    expect(getModel(id).longContext).toEqual({ threshold: 200_000, ...rates });
  });

  it("gives only those three a long-context tier", () => {
    const tiered = modelIds.filter((id) => models[id].longContext !== undefined);
    expect(tiered).toEqual(["claude-sonnet-4.5", "claude-sonnet-4", "gemini-2.5-pro"]);
  });

  it("says in Gemini's notes that cache storage is not modelled", () => {
    expect(models["gemini-2.5-pro"].notes).toMatch(/storage.*not modelled/);
    expect(models["gemini-2.5-flash"].notes).toMatch(/storage.*not modelled/);
  });
});

describe("ratesNanos(model, long)", () => {
  it("turns USD per million into whole nanos per token (× 1000)", () => {
    expect(ratesNanos(models["claude-sonnet-4.5"], false)).toEqual({
      input: 3000n,
      output: 15000n,
      cacheWrite5m: 3750n,
      cacheWrite1h: 6000n,
      cacheRead: 300n,
    });
    expect(ratesNanos(models["claude-sonnet-4.5"], true).output).toBe(22500n);
    expect(ratesNanos(models["gpt-5-nano"], false).cacheRead).toBe(5n);
  });

  it("falls back to the base rates for a model with no tier", () => {
    expect(ratesNanos(models["gpt-4o"], true).input).toBe(2500n);
  });
});

describe("isLongContext(model, promptTokens)", () => {
  it("applies strictly above the threshold", () => {
    const sonnet = models["claude-sonnet-4.5"];
    expect(isLongContext(sonnet, 200_000)).toBe(false);
    expect(isLongContext(sonnet, 200_001)).toBe(true);
    expect(isLongContext(models["claude-opus-4.5"], 900_000)).toBe(false);
  });
});

describe("getModel(idOrEntry)", () => {
  it("returns the entry for an id", () => {
    expect(getModel("gpt-5")).toBe(models["gpt-5"]);
  });

  it.each([
    ["claude-sonnet-4-5-20250929", "claude-sonnet-4.5"],
    ["claude-sonnet-4-5", "claude-sonnet-4.5"],
    ["claude-haiku-4-5-20251001", "claude-haiku-4.5"],
    ["claude-opus-4-5-20251101", "claude-opus-4.5"],
    ["claude-opus-4-1-20250805", "claude-opus-4.1"],
    ["claude-sonnet-4-20250514", "claude-sonnet-4"],
    ["claude-3-5-haiku-20241022", "claude-haiku-3.5"],
    ["gpt-4o-2024-08-06", "gpt-4o"],
    ["gpt-5-mini-2025-08-07", "gpt-5-mini"],
  ])("maps the API's name %s to %s", (apiName, id) => {
    expect(getModel(apiName).id).toBe(id);
  });

  it("accepts a well-formed price entry of the caller's own", () => {
    const custom: ModelPrice = { ...models["gpt-4o"], id: "my-model", input: 2.125 };
    expect(getModel(custom)).toBe(custom);
  });

  it("rejects an unknown id, suggesting the closest and listing all", () => {
    let error: unknown;
    try {
      getModel("claude-sonet-4.5");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CostInputError);
    const message = (error as CostInputError).message;
    expect(message).toMatch(
      /^model must be a model id from `models` or a price entry, received "claude-sonet-4.5"/,
    );
    expect(message).toContain('Did you mean "claude-sonnet-4.5"');
    expect(message).toContain(`Known ids: ${modelIds.join(", ")}`);
  });

  it.each([undefined, null, 42])("rejects %s as a model", (model) => {
    expect(() => getModel(model as unknown as string)).toThrow(/^model must be a model id/);
  });

  it("rejects a price with more than three decimals, naming the field", () => {
    const custom = { ...models["gpt-4o"], output: 10.0005 };
    expect(() => getModel(custom)).toThrow(
      "model.output must be a price in USD per million tokens ≥ 0 with at most 3 decimals, received 10.0005",
    );
  });

  it("rejects a negative long-context rate, naming the field", () => {
    const sonnet = models["claude-sonnet-4.5"];
    const custom = { ...sonnet, longContext: { ...sonnet.longContext!, cacheRead: -1 } };
    expect(() => getModel(custom, "options.model")).toThrow(
      /^options\.model\.longContext\.cacheRead must be/,
    );
  });

  it("checks a mutable entry again on each use", () => {
    const custom = { ...models["gpt-4o"], id: "mutable" };
    expect(getModel(custom)).toBe(custom);
    custom.input = Number.NaN;
    expect(() => getModel(custom)).toThrow(/^model\.input must be/);
  });
});
