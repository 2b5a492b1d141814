import { describe, expect, it } from "vitest";
import {
  cascadeBreakEven,
  cascadeCost,
  cascadeCostNanos,
  cheapCost,
  cheapCostNanos,
  CostInputError,
  strongCost,
  strongCostNanos,
  type CascadeOptions,
} from "cost";

const job: CascadeOptions = {
  cheap: "claude-haiku-4.5",
  strong: "claude-opus-4.5",
  inputTokens: 1000,
  outputTokens: 500,
};

describe("cheapCost(options) and strongCost(options)", () => {
  it("price one job on each model alone", () => {
    expect(cheapCost(job)).toBe(0.0035);
    expect(strongCost(job)).toBe(0.0175);
    expect(cheapCostNanos(job)).toBe(3_500_000n);
    expect(strongCostNanos(job)).toBe(17_500_000n);
  });
});

describe("cascadeCost(p, { cheap, strong, inputTokens, outputTokens })", () => {
  it.each([
    [0, 0.0035],
    [0.1, 0.00525],
    [0.5, 0.01225],
    [0.8, 0.0175],
    [1, 0.021],
  ])("at escalation rate %s is $%s: $0.0035 + p × $0.0175", (p, usd) => {
    expect(cascadeCost(p, job)).toBe(usd);
  });

  it("rounds p × strong to the nearest nano-dollar", () => {
    // 17,500,000 × 1/3 = 5,833,333.33… nanos
    expect(cascadeCostNanos(1 / 3, job)).toBe(3_500_000n + 5_833_333n);
  });

  it.each([-0.01, 1.5, NaN, "0.5"])("rejects an escalation rate of %o", (p) => {
    expect(() => cascadeCost(p as number, job)).toThrow(
      /^escalationRate must be a number from 0 to 1, received/,
    );
  });

  it("applies a long-context tier to a long job", () => {
    const long = { ...job, cheap: "claude-sonnet-4.5", inputTokens: 300_000, outputTokens: 0 };
    expect(cheapCost(long)).toBe(1.8);
  });
});

describe("cascadeBreakEven({ cheap, strong, inputTokens, outputTokens })", () => {
  it("is 0.8 exactly for Haiku 4.5 before Opus 4.5", () => {
    expect(cascadeBreakEven(job)).toBe(0.8);
    expect(cascadeCost(cascadeBreakEven(job), job)).toBe(strongCost(job));
  });

  it("is 0 when the cheap model costs as much as the strong one or more", () => {
    expect(cascadeBreakEven({ ...job, cheap: "claude-opus-4.5" })).toBe(0);
    expect(cascadeBreakEven({ ...job, cheap: "claude-opus-4.1" })).toBe(0);
  });

  it("is 0 for a job that costs nothing", () => {
    expect(cascadeBreakEven({ ...job, inputTokens: 0, outputTokens: 0 })).toBe(0);
  });

  it("names bad options", () => {
    const cases: [Partial<Record<string, unknown>>, string][] = [
      [{ cheap: "haiku" }, "options.cheap"],
      [{ strong: undefined }, "options.strong"],
      [{ inputTokens: -1 }, "options.inputTokens"],
      [{ outputTokens: 0.5 }, "options.outputTokens"],
      [{ inputTokens: 10_000_001 }, "options.inputTokens"],
      [{ escalation: 0.2 }, "options.escalation"],
    ];
    for (const [override, field] of cases) {
      let error: unknown;
      try {
        cascadeBreakEven({ ...job, ...override } as CascadeOptions);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CostInputError);
      expect((error as CostInputError).field).toBe(field);
    }
  });
});
