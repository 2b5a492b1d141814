import { afterAll, describe, expect, test, vi } from "vitest";
import { costOf, modelIds, models, nanosFromUsd } from "cost";

// The snippets print what they compute; keep what they print to check it.
const printed: string[] = [];
const log = vi.spyOn(console, "log").mockImplementation((...parts) => {
  printed.push(parts.join(" "));
});
const first = await import("../../../content/snippets/per-token-arithmetic/first-request");
const cuts = await import("../../../content/snippets/per-token-arithmetic/two-cuts");
const openai = await import("../../../content/snippets/per-token-arithmetic/openai-usage");
const negotiated = await import("../../../content/snippets/per-token-arithmetic/negotiated-price");
afterAll(() => log.mockRestore());

const sonnet = models["claude-sonnet-4.5"];

// The claims lesson 2's prose and quizzes make about these snippets.
describe("lesson 2 snippets", () => {
  test("the price table's output rates are 4 to 8.3 times its input rates", () => {
    const ratios = modelIds.map((id) => models[id].output / models[id].input);
    expect(Math.min(...ratios)).toBe(4);
    expect(Math.max(...ratios)).toBeCloseTo(8.33, 2);
    expect(sonnet.output / sonnet.input).toBe(5);
    // The deep dive: one Sonnet input token is a whole number of nano-dollars.
    expect(nanosFromUsd(sonnet.input) % 1_000_000n).toBe(0n);
  });

  test("9,350 input and 200 output tokens on Sonnet 4.5: $0.03105 a request, $3.105 a day", () => {
    expect(first.response).toEqual({
      model: "claude-sonnet-4.5",
      usage: { input_tokens: 9_350, output_tokens: 200 },
    });
    expect(first.inputCost).toBe(0.02805);
    expect(first.outputCost).toBe(0.003);
    expect(first.perRequest).toBe(0.03105);
    expect(first.requestsPerDay).toBe(100);
    expect(first.perDay).toBe(3.105);
    expect(first.perMonth).toBe(93.15);
    expect(printed).toContain("total:  $3.105 a day, $93.15 a month");
  });

  test("volume beats rate: 935,000 input tokens a day outweigh 20,000 output", () => {
    expect(first.inputPerDay).toBe(2.805);
    expect(first.outputPerDay).toBe(0.3);
    const volumeRatio = first.response.usage.input_tokens / first.response.usage.output_tokens;
    expect(volumeRatio).toBeGreaterThan(sonnet.output / sonnet.input);
    expect(first.inputPerDay / first.perDay).toBeGreaterThan(0.9);
    // Each request stays far under the long-context line, so the rates hold.
    expect(first.response.usage.input_tokens).toBeLessThan(sonnet.longContext!.threshold);
  });

  test("trimming a fifth of the prompt saves more than halving the answers", () => {
    expect(cuts.today).toEqual({ inputTokens: 9_350, outputTokens: 200 });
    expect(cuts.trimmedPrompt.inputTokens).toBe(cuts.today.inputTokens * 0.8);
    expect(cuts.shorterAnswers.outputTokens).toBe(cuts.today.outputTokens / 2);
    expect(cuts.savedByTrimming).toBe(0.561);
    expect(cuts.savedByShortening).toBe(0.15);
    expect(cuts.savedByTrimming).toBeGreaterThan(cuts.savedByShortening);
  });

  test("OpenAI's prompt_tokens include cached_tokens: 2,000 at the full rate, not 10,000", () => {
    expect(openai.response.usage).toEqual({
      prompt_tokens: 10_000,
      completion_tokens: 500,
      prompt_tokens_details: { cached_tokens: 8_000 },
    });
    expect(openai.fullPriceTokens).toBe(2_000);
    expect(openai.billed).toBe(
      costOf({ inputTokens: 2_000, cacheReadTokens: 8_000, outputTokens: 500 }, "gpt-5"),
    );
    expect(openai.billed).toBe(0.0085);
    expect(openai.doubleCounted).toBe(0.0185);
  });

  test("the negotiated price takes 20% off Sonnet 4.5's input and nothing else", () => {
    expect(1 - negotiated.price.input / sonnet.input).toBeCloseTo(0.2, 12);
    expect(negotiated.price.output).toBe(sonnet.output);
    expect(negotiated.scenario).toEqual({
      inputTokens: 9_350,
      outputTokens: 200,
      requestsPerDay: 100,
    });
    const usage = { inputTokens: 9_350, outputTokens: 200 };
    expect(costOf(usage, negotiated.price)).toBe(0.02544);
    expect(costOf(usage, negotiated.price)).toBeLessThan(costOf(usage, sonnet));
  });
});
