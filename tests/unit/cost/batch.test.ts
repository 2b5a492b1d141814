import { describe, expect, test } from "vitest";
import { batchCostOf, batchCostOfNanos } from "../../../src/cost/batch";
import { costOf, costOfNanos } from "../../../src/cost/costOf";

describe("batchCostOf(usage, model)", () => {
  test("halves a Sonnet 4.5 request: 100k input and 10k output cost $0.45 → $0.225", () => {
    const usage = { input_tokens: 100_000, output_tokens: 10_000 };
    expect(costOf(usage, "claude-sonnet-4.5")).toBe(0.45);
    expect(batchCostOf(usage, "claude-sonnet-4.5")).toBe(0.225);
  });

  test("accepts a whole response like costOf does", () => {
    const response = {
      model: "gpt-5",
      usage: { prompt_tokens: 2_000, completion_tokens: 1_000 },
    } as const;
    expect(batchCostOf(response)).toBe(costOf(response) / 2);
  });

  test("rounds half a nano away from zero so the result stays whole nanos", () => {
    // One cached GPT-4o-mini token costs 75 nanos; half is 37.5.
    const usage = {
      prompt_tokens: 1,
      completion_tokens: 0,
      prompt_tokens_details: { cached_tokens: 1 },
    };
    expect(costOfNanos(usage, "gpt-4o-mini")).toBe(75n);
    expect(batchCostOfNanos(usage, "gpt-4o-mini")).toBe(38n);
  });

  test("rejects what costOf rejects, naming the field", () => {
    expect(() => batchCostOf({ input_tokens: -1, output_tokens: 0 }, "claude-haiku-4.5")).toThrow(
      /input_tokens/,
    );
  });
});
