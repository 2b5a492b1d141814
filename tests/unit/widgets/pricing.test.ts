import { describe, expect, test } from "vitest";
import { costBreakdown, costOfNanos, models } from "cost";
import type { SandboxValue } from "../../../src/notebook/store";
import { fallbackValues } from "../../../components/widgets/shared/scenario";
import {
  DAYS_PER_MONTH,
  headlineOf,
  pricingFigures,
  usageOf,
  pricingFromExports,
  pricingSchema,
  type PricingValues,
} from "../../../components/widgets/PricingSliders/pricing";

const defaults = fallbackValues(pricingSchema);

/** A value as it arrives from the sandbox: structured-cloned plain data. */
function cloned(value: unknown): SandboxValue {
  return structuredClone(value) as SandboxValue;
}

function scenario(changes: Partial<PricingValues>): PricingValues {
  return { ...defaults, ...changes };
}

describe("pricingFigures(values, price)", () => {
  test("prices one request with the cost module and scales it exactly", () => {
    const values = scenario({ cacheReadTokens: 50_000, requestsPerDay: 3_000_000 });
    const figures = pricingFigures(values, models["claude-sonnet-4.5"]);
    const usage = { inputTokens: 9_350, outputTokens: 200, cacheReadTokens: 50_000 };
    const perRequest = costOfNanos(usage, "claude-sonnet-4.5");
    expect(figures.perRequest.costNanos).toBe(perRequest);
    expect(figures.perDayNanos).toBe(perRequest * 3_000_000n);
    expect(figures.perMonthNanos).toBe(perRequest * 3_000_000n * 30n);
  });

  test.each([
    ["claude-sonnet-4.5", { cacheWriteTokens: 2_000, cacheReadTokens: 40_000 }],
    ["gpt-5", { ttl: "1h", cacheWriteTokens: 1_234, requestsPerDay: 7_777 }],
    ["claude-opus-4.5", { inputTokens: 250_000, outputTokens: 3_001, requestsPerDay: 3 }],
  ] as const)(
    "each term of %s, per request, per day and per month, is the module's",
    (id, change) => {
      const values = scenario(change);
      const figures = pricingFigures(values, models[id]);
      const bill = costBreakdown(usageOf(values), id);
      const volume = BigInt(values.requestsPerDay);
      expect(figures.rows.length).toBe(4);
      for (const row of figures.rows) {
        const term = bill.terms[row.term];
        expect(row.tokensPerRequest, row.term).toBe(term.tokens);
        expect(row.tokensPerDay, row.term).toBe(term.tokens * values.requestsPerDay);
        expect(row.pricePerMillion, row.term).toBe(term.pricePerMillion);
        expect(row.costPerRequestNanos, row.term).toBe(term.costNanos);
        expect(row.costPerDayNanos, row.term).toBe(term.costNanos * volume);
        expect(row.costPerMonthNanos, row.term).toBe(
          term.costNanos * volume * BigInt(DAYS_PER_MONTH),
        );
      }
      const perRequest = figures.rows.reduce((sum, row) => sum + row.costPerRequestNanos, 0n);
      expect(perRequest).toBe(bill.costNanos);
    },
  );

  test("the default scenario shows that volume beats rate", () => {
    const figures = pricingFigures(defaults, models["claude-sonnet-4.5"]);
    expect(figures.headline).toBe(
      "935,000 input tokens a day at $3.00 per million cost $2.805, more than " +
        "20,000 output tokens a day at $15.00 per million cost $0.30: volume beats rate.",
    );
  });

  test("lists the write term of the chosen lifetime only", () => {
    const figures = pricingFigures(scenario({ ttl: "1h" }), models["claude-haiku-4.5"]);
    expect(figures.rows.map((row) => row.term)).toEqual([
      "input",
      "cacheWrite1h",
      "cacheRead",
      "output",
    ]);
  });

  test("shares add up to one, and are zero for an empty bill", () => {
    const figures = pricingFigures(scenario({ cacheWriteTokens: 4_000 }), models["gpt-5"]);
    const total = figures.rows.reduce((sum, row) => sum + row.share, 0);
    expect(total).toBeCloseTo(1, 12);
    const empty = pricingFigures(scenario({ inputTokens: 0, outputTokens: 0 }), models["gpt-5"]);
    expect(empty.rows.every((row) => row.share === 0)).toBe(true);
    expect(empty.headline).toMatch(/^No tokens, no bill/);
  });

  test("a prompt past the long-context threshold is priced at the long rates", () => {
    const figures = pricingFigures(scenario({ inputTokens: 300_000 }), models["claude-sonnet-4.5"]);
    expect(figures.perRequest.longContext).toBe(true);
    expect(figures.rows[0]?.pricePerMillion).toBe(6);
  });
});

describe("headlineOf(rows)", () => {
  test("says when the dearest rate is also the largest cost", () => {
    const figures = pricingFigures(
      scenario({ inputTokens: 100, outputTokens: 5_000 }),
      models["gpt-4o"],
    );
    expect(headlineOf(figures.rows)).toMatch(/the dearest rate is also the largest cost\.$/);
  });
});

describe("pricingFromExports(exports)", () => {
  test("takes a scenario object and a price entry the module accepts", () => {
    const price = { ...models["gpt-4o"], id: "gpt-4o-deal", input: 2 };
    const read = pricingFromExports({ scenario: { inputTokens: 5 }, price: cloned(price) });
    expect(read.raw).toEqual({ inputTokens: 5 });
    expect(read.price?.input).toBe(2);
    expect(read.notes).toEqual([]);
  });

  test("leaves out a price the module rejects, quoting its message", () => {
    const read = pricingFromExports({ price: cloned({ ...models["gpt-4o"], output: 1.23456 }) });
    expect(read.price).toBeNull();
    expect(read.notes[0]).toMatch(/^Your snippet's price is left out: price\.output must be/);
  });

  test("leaves out a scenario that is not an object", () => {
    const read = pricingFromExports({ scenario: 42 });
    expect(read.raw).toEqual({});
    expect(read.notes).toEqual([
      "Your snippet's `scenario` export is not an object; it is left out.",
    ]);
  });
});
