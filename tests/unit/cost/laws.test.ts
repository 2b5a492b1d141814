// The cost module's laws, checked on generated inputs with fast-check.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cacheSavings,
  cascadeBreakEven,
  cascadeCostNanos,
  costOfNanos,
  modelIds,
  models,
  nanosFromUsd,
  prefixCostNanos,
  sessionCost,
  strongCostNanos,
  sumUsd,
  usdFromNanos,
  type ModelId,
  type NormalizedUsage,
} from "cost";

const modelId = fc.constantFrom(...modelIds);
const ttl = fc.constantFrom("5m" as const, "1h" as const);

// Each prompt part at most 25,000 tokens: two usages together stay at or
// below 200,000 prompt tokens, under every long-context threshold.
const part = fc.integer({ min: 0, max: 25_000 });
const usage = fc.record({
  inputTokens: part,
  cacheWrite5mTokens: part,
  cacheWrite1hTokens: part,
  cacheReadTokens: part,
  outputTokens: fc.integer({ min: 0, max: 1_000_000 }),
});

type Counts = Omit<NormalizedUsage, "reasoningTokens">;

function add(a: Counts, b: Counts): Counts {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cacheWrite5mTokens: a.cacheWrite5mTokens + b.cacheWrite5mTokens,
    cacheWrite1hTokens: a.cacheWrite1hTokens + b.cacheWrite1hTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
}

describe("costOfNanos(usage, model) is linear", () => {
  it("in the sum of two usages below the long-context threshold", () => {
    fc.assert(
      fc.property(modelId, usage, usage, (model, a, b) => {
        expect(costOfNanos(add(a, b), model)).toBe(costOfNanos(a, model) + costOfNanos(b, model));
      }),
    );
  });

  it("in each token count separately", () => {
    const terms = [
      "inputTokens",
      "cacheWrite5mTokens",
      "cacheWrite1hTokens",
      "cacheReadTokens",
      "outputTokens",
    ] as const;
    fc.assert(
      fc.property(modelId, fc.constantFrom(...terms), part, part, (model, term, a, b) => {
        const cost = (tokens: number) => costOfNanos({ [term]: tokens }, model);
        expect(cost(a + b)).toBe(cost(a) + cost(b));
        expect(cost(a)).toBe(BigInt(a) * cost(1));
      }),
    );
  });
});

describe("each provider's usage shape prices the same tokens the same", () => {
  const counts = fc.record({
    uncached: fc.integer({ min: 0, max: 400_000 }),
    cached: fc.integer({ min: 0, max: 400_000 }),
    visible: fc.integer({ min: 0, max: 100_000 }),
    reasoning: fc.integer({ min: 0, max: 100_000 }),
  });
  const byProvider = (provider: string) =>
    modelIds.filter((id) => models[id].provider === provider);

  it("OpenAI Chat and Responses subtract the included cached and reasoning tokens", () => {
    fc.assert(
      fc.property(fc.constantFrom(...byProvider("openai")), counts, (model, c) => {
        const normalized = costOfNanos(
          {
            inputTokens: c.uncached,
            cacheReadTokens: c.cached,
            outputTokens: c.visible + c.reasoning,
          },
          model,
        );
        const chat = {
          prompt_tokens: c.uncached + c.cached,
          prompt_tokens_details: { cached_tokens: c.cached },
          completion_tokens: c.visible + c.reasoning,
          completion_tokens_details: { reasoning_tokens: c.reasoning },
        };
        const responses = {
          input_tokens: c.uncached + c.cached,
          input_tokens_details: { cached_tokens: c.cached },
          output_tokens: c.visible + c.reasoning,
          output_tokens_details: { reasoning_tokens: c.reasoning },
        };
        expect(costOfNanos(chat, model)).toBe(normalized);
        expect(costOfNanos(responses, model)).toBe(normalized);
      }),
    );
  });

  it("Gemini subtracts cached tokens and adds thoughts", () => {
    fc.assert(
      fc.property(fc.constantFrom(...byProvider("google")), counts, (model, c) => {
        const gemini = {
          promptTokenCount: c.uncached + c.cached,
          cachedContentTokenCount: c.cached,
          candidatesTokenCount: c.visible,
          thoughtsTokenCount: c.reasoning,
        };
        expect(costOfNanos(gemini, model)).toBe(
          costOfNanos(
            {
              inputTokens: c.uncached,
              cacheReadTokens: c.cached,
              outputTokens: c.visible + c.reasoning,
            },
            model,
          ),
        );
      }),
    );
  });
});

describe("caching never costs more than not caching from the second turn on", () => {
  const prefixTokens = fc.integer({ min: 0, max: 300_000 });
  const turns = fc.integer({ min: 2, max: 500 });

  it("prefixCost(turns, true, ...) ≤ prefixCost(turns, false, ...) with a 5-minute cache", () => {
    fc.assert(
      fc.property(modelId, prefixTokens, turns, (model, tokens, n) => {
        const options = { model, prefixTokens: tokens };
        expect(prefixCostNanos(n, true, options)).toBeLessThanOrEqual(
          prefixCostNanos(n, false, options),
        );
      }),
    );
  });

  it("for any lifetime, caching wins from exactly breakEvenTurn on", () => {
    fc.assert(
      fc.property(
        modelId,
        prefixTokens,
        fc.integer({ min: 1, max: 50 }),
        ttl,
        (model, tokens, n, life) => {
          const savings = cacheSavings({ model, prefixTokens: tokens, turns: n, ttl: life });
          const wins = savings.cachedNanos < savings.uncachedNanos;
          expect(wins).toBe(savings.breakEvenTurn !== null && n >= savings.breakEvenTurn);
        },
      ),
    );
  });

  const session = fc.record({
    model: modelId,
    turns,
    prefixTokens: fc.integer({ min: 0, max: 50_000 }),
    growthTokensPerTurn: fc.integer({ min: 0, max: 5000 }),
    outputTokensPerTurn: fc.integer({ min: 0, max: 2000 }),
  });

  it('sessionCost with cache "prefix" and a 5-minute cache', () => {
    fc.assert(
      fc.property(session, (options) => {
        const cached = sessionCost({ ...options, cache: "prefix" });
        expect(cached.costNanos).toBeLessThanOrEqual(sessionCost(options).costNanos);
      }),
    );
  });

  // A conversation breakpoint writes every turn's new tokens at the write
  // premium, so it pays once the first prompt is cacheable and each turn
  // adds no more than the prefix; see the counterexample below.
  it('sessionCost with cache "conversation" when the prefix is cacheable and outweighs growth', () => {
    fc.assert(
      fc.property(session, (options) => {
        const model = models[options.model as ModelId];
        fc.pre(options.prefixTokens >= model.minCacheableTokens);
        fc.pre(options.growthTokensPerTurn <= options.prefixTokens);
        const cached = sessionCost({ ...options, cache: "conversation" });
        expect(cached.costNanos).toBeLessThanOrEqual(sessionCost(options).costNanos);
      }),
    );
  });

  it("a conversation cache can cost more when each turn adds more than the prefix", () => {
    const options = {
      model: "claude-sonnet-4.5",
      turns: 2,
      prefixTokens: 1024,
      growthTokensPerTurn: 10_000,
      outputTokensPerTurn: 0,
    };
    const cached = sessionCost({ ...options, cache: "conversation" });
    expect(cached.costNanos).toBeGreaterThan(sessionCost(options).costNanos);
  });
});

describe("session input is quadratic in turns", () => {
  const shape = fc.record({
    model: modelId,
    prefixTokens: fc.integer({ min: 0, max: 20_000 }),
    growthTokensPerTurn: fc.integer({ min: 0, max: 2000 }),
    outputTokensPerTurn: fc.integer({ min: 0, max: 2000 }),
  });
  const turns = fc.integer({ min: 1, max: 80 });

  it("inputTokens = n·prefix + growth·n(n−1)/2 without caching", () => {
    fc.assert(
      fc.property(shape, turns, (options, n) => {
        const { prefixTokens: prefix, growthTokensPerTurn: growth } = options;
        const session = sessionCost({ ...options, turns: n });
        expect(session.inputTokens).toBe(n * prefix + (growth * n * (n - 1)) / 2);
        expect(session.promptTokens).toBe(session.inputTokens);
      }),
    );
  });

  it("the second difference of input over n is the growth per turn", () => {
    fc.assert(
      fc.property(shape, turns, (options, n) => {
        const input = (count: number) => sessionCost({ ...options, turns: count }).inputTokens;
        expect(input(n + 2) - 2 * input(n + 1) + input(n)).toBe(options.growthTokensPerTurn);
      }),
    );
  });

  it("so is every caching mode's prompt total", () => {
    fc.assert(
      fc.property(
        shape,
        turns,
        fc.constantFrom("prefix" as const, "conversation" as const),
        (options, n, cache) => {
          const prompt = (count: number) =>
            sessionCost({ ...options, turns: count, cache }).promptTokens;
          expect(prompt(n + 2) - 2 * prompt(n + 1) + prompt(n)).toBe(options.growthTokensPerTurn);
        },
      ),
    );
  });
});

describe("cascadeBreakEven(options) is where the two costs meet", () => {
  const job = fc.record({
    cheap: modelId,
    strong: modelId,
    inputTokens: fc.integer({ min: 0, max: 1_000_000 }),
    outputTokens: fc.integer({ min: 0, max: 100_000 }),
  });

  it("cascadeCost(breakEven) equals the strong model's cost within a nano-dollar", () => {
    fc.assert(
      fc.property(job, (options) => {
        const breakEven = cascadeBreakEven(options);
        expect(breakEven).toBeGreaterThanOrEqual(0);
        expect(breakEven).toBeLessThanOrEqual(1);
        if (breakEven === 0) return;
        const gap = cascadeCostNanos(breakEven, options) - strongCostNanos(options);
        expect(gap >= -1n && gap <= 1n).toBe(true);
      }),
    );
  });

  it("below it the cascade costs less, above it more", () => {
    fc.assert(
      fc.property(job, fc.double({ min: 0, max: 1, noNaN: true }), (options, p) => {
        const breakEven = cascadeBreakEven(options);
        const cascade = cascadeCostNanos(p, options);
        const strong = strongCostNanos(options);
        if (p < breakEven) expect(cascade).toBeLessThanOrEqual(strong);
        if (p > breakEven) expect(cascade).toBeGreaterThanOrEqual(strong);
      }),
    );
  });
});

describe("money laws", () => {
  const nanos = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });

  it("nanosFromUsd(usdFromNanos(n)) is n below $1 million", () => {
    fc.assert(
      fc.property(nanos, (n) => {
        expect(nanosFromUsd(usdFromNanos(n))).toBe(n);
      }),
    );
  });

  it("sumUsd adds exactly, in any order", () => {
    fc.assert(
      fc.property(fc.array(nanos, { maxLength: 200 }), (amounts) => {
        const exact = amounts.reduce((total, n) => total + n, 0n);
        const costs = amounts.map(usdFromNanos);
        expect(sumUsd(costs)).toBe(usdFromNanos(exact));
        expect(sumUsd([...costs].reverse())).toBe(sumUsd(costs));
      }),
    );
  });
});
