import { describe, expect, test } from "vitest";
import { cascadeBreakEven, cascadeCostNanos, strongCostNanos, cheapCostNanos } from "cost";
import { fallbackValues } from "../../../components/widgets/shared/scenario";
import {
  cascadeFigures,
  cascadeSchema,
  fractionOfPercent,
  readerLineOf,
  SAMPLE_RATES,
  type CascadeValues,
} from "../../../components/widgets/CascadeBreakEven/breakEven";

const defaults = fallbackValues(cascadeSchema);
const options = {
  cheap: "claude-haiku-4.5",
  strong: "claude-sonnet-4.5",
  inputTokens: 3_000,
  outputTokens: 600,
};

function scenario(changes: Partial<CascadeValues>): CascadeValues {
  return { ...defaults, ...changes };
}

describe("cascadeFigures(values)", () => {
  test("are the cost module's cascade figures at the chosen rate", () => {
    const figures = cascadeFigures(scenario({ escalationPercent: 35 }));
    expect(figures.cascadeNanos).toBe(cascadeCostNanos(0.35, options));
    expect(figures.cheapNanos).toBe(cheapCostNanos(options));
    expect(figures.strongNanos).toBe(strongCostNanos(options));
    expect(figures.breakEven).toBe(cascadeBreakEven(options));
    expect(figures.points).toHaveLength(SAMPLE_RATES.length);
  });

  test("say the alarm comes long before the break-even", () => {
    const { summary } = cascadeFigures(defaults);
    expect(summary).toContain("The cascade stays cheaper up to 66.7% escalation");
    expect(summary).toContain("past 15% it is a quality alarm");
    expect(summary).toContain("more than one job in 7");
    expect(cascadeFigures(scenario({ escalationPercent: 20 })).summary).toMatch(
      /You are past the alarm\.$/,
    );
  });

  test("say a cascade never saves when the cheap model is not cheaper", () => {
    const { summary } = cascadeFigures(
      scenario({ cheap: "claude-opus-4.5", strong: "claude-haiku-4.5" }),
    );
    expect(summary).toBe(
      "Claude Opus 4.5 costs as much per job as Claude Haiku 4.5 or more: a cascade never saves money here.",
    );
  });
});

describe("fractionOfPercent(percent)", () => {
  test.each([
    [10, 0.1],
    [57, 0.57],
    [12.5, 0.125],
    [100, 1],
  ])("%s%% is %s", (percent, fraction) => {
    expect(fractionOfPercent(percent)).toBe(fraction);
  });
});

describe("readerLineOf(probe, rates)", () => {
  test("keeps finite non-negative numbers as points", () => {
    const line = readerLineOf([0.1, 0.2, 0.3], [0, 0.5, 1]);
    expect(line).toEqual({
      points: [
        { rate: 0, usd: 0.1 },
        { rate: 0.5, usd: 0.2 },
        { rate: 1, usd: 0.3 },
      ],
      notes: [],
    });
  });

  test("leaves out other values with one note", () => {
    const line = readerLineOf([0.1, "NaN", -1], [0, 0.5, 1]);
    expect(line?.points).toEqual([{ rate: 0, usd: 0.1 }]);
    expect(line?.notes).toEqual([
      "Your costPerJob(0.5) returned NaN (and at 1 other rate): not a number of US dollars ≥ 0, so left out of the chart.",
    ]);
  });

  test("is null without a costPerJob export", () => {
    expect(readerLineOf(null, SAMPLE_RATES)).toBeNull();
  });
});
