import { describe, expect, it } from "vitest";
import {
  costBreakdown,
  costOf,
  costOfNanos,
  costTermNames,
  CostInputError,
  models,
  normalizeUsage,
  type Usage,
} from "cost";

function thrown(action: () => unknown): CostInputError {
  try {
    action();
  } catch (error) {
    if (error instanceof CostInputError) return error;
    throw error;
  }
  throw new Error("expected a CostInputError");
}

describe("costOf(usage, model) for Anthropic", () => {
  it("prices input and output at USD per million", () => {
    // 1,000 × $3/M + 500 × $15/M
    expect(costOf({ input_tokens: 1000, output_tokens: 500 }, "claude-sonnet-4.5")).toBe(0.0105);
  });

  it("adds cache writes and reads to the uncached input_tokens", () => {
    const usage = {
      input_tokens: 100,
      cache_creation_input_tokens: 10_000,
      cache_read_input_tokens: 20_000,
      output_tokens: 300,
    };
    // 100 × 3000 + 10,000 × 3750 + 20,000 × 300 + 300 × 15000 nanos
    expect(costOfNanos(usage, "claude-sonnet-4.5")).toBe(48_300_000n);
    expect(costOf(usage, "claude-sonnet-4.5")).toBe(0.0483);
  });

  it("prices a bare cache_creation_input_tokens total as 5-minute writes", () => {
    const usage = { input_tokens: 0, cache_creation_input_tokens: 10_000, output_tokens: 0 };
    expect(costOfNanos(usage, "claude-sonnet-4.5")).toBe(37_500_000n);
  });

  it("lets the cache_creation split by lifetime win over the total", () => {
    const usage = {
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 10_000,
      cache_creation: { ephemeral_5m_input_tokens: 4000, ephemeral_1h_input_tokens: 6000 },
    };
    // 4,000 × 3750 + 6,000 × 6000 nanos
    expect(costOfNanos(usage, "claude-sonnet-4.5")).toBe(51_000_000n);
    const onlyHour = { ...usage, cache_creation: { ephemeral_1h_input_tokens: 10_000 } };
    expect(costOfNanos(onlyHour, "claude-sonnet-4.5")).toBe(60_000_000n);
  });

  it("treats null cache fields, as SDKs send them, as zero", () => {
    const usage = {
      input_tokens: 10,
      output_tokens: 10,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
      cache_creation: null,
    };
    expect(costOfNanos(usage, "claude-haiku-4.5")).toBe(10n * 1000n + 10n * 5000n);
  });

  it("bills every term at the long rates once the whole prompt passes 200,000", () => {
    const usage = { input_tokens: 150_000, cache_read_input_tokens: 60_000, output_tokens: 1000 };
    // 150,000 × 6000 + 60,000 × 600 + 1,000 × 22500 nanos
    expect(costOfNanos(usage, "claude-sonnet-4.5")).toBe(958_500_000n);
    expect(costOf(usage, "claude-sonnet-4.5")).toBe(0.9585);
  });

  it("keeps the base rates at exactly 200,000 prompt tokens", () => {
    const usage = { input_tokens: 100_000, cache_creation_input_tokens: 100_000, output_tokens: 0 };
    expect(costOfNanos(usage, "claude-sonnet-4.5")).toBe(100_000n * 3000n + 100_000n * 3750n);
    const over = { ...usage, input_tokens: 100_001 };
    expect(costOfNanos(over, "claude-sonnet-4.5")).toBe(100_001n * 6000n + 100_000n * 7500n);
  });

  it("has no long-context tier for Opus 4.5", () => {
    const usage = { input_tokens: 300_000, output_tokens: 0 };
    expect(costOf(usage, "claude-opus-4.5")).toBe(1.5);
  });
});

describe("costOf(usage, model) for OpenAI", () => {
  it("subtracts the cached tokens that Chat's prompt_tokens include", () => {
    const usage = {
      prompt_tokens: 2000,
      completion_tokens: 300,
      total_tokens: 2300,
      prompt_tokens_details: { cached_tokens: 1500, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 100 },
    };
    // 500 × 2500 + 1,500 × 1250 + 300 × 10000 nanos: reasoning is not added again.
    expect(costOfNanos(usage, "gpt-4o")).toBe(6_125_000n);
    expect(costOf(usage, "gpt-4o")).toBe(0.006125);
  });

  it("reads the Responses API's input_tokens and output_tokens the same way", () => {
    const usage = {
      input_tokens: 2000,
      input_tokens_details: { cached_tokens: 1024 },
      output_tokens: 500,
      output_tokens_details: { reasoning_tokens: 400 },
      total_tokens: 2500,
    };
    // 976 × 1250 + 1,024 × 125 + 500 × 10000 nanos
    expect(costOfNanos(usage, "gpt-5")).toBe(6_348_000n);
  });

  it("accepts details objects that are null or absent", () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 0, prompt_tokens_details: null };
    expect(costOf(usage, "gpt-4.1")).toBe(0.002);
  });
});

describe("costOf(usage, model) for Gemini", () => {
  it("subtracts cached tokens, adds thoughts to output and tool-use prompts to input", () => {
    const usage = {
      promptTokenCount: 10_000,
      cachedContentTokenCount: 4000,
      candidatesTokenCount: 800,
      thoughtsTokenCount: 1200,
      toolUsePromptTokenCount: 500,
      totalTokenCount: 12_500,
    };
    // 6,500 × 1250 + 4,000 × 125 + 2,000 × 10000 nanos
    expect(costOfNanos(usage, "gemini-2.5-pro")).toBe(28_625_000n);
  });

  it("bills the whole request at the long rates for a prompt over 200,000", () => {
    const usage = { promptTokenCount: 250_000, candidatesTokenCount: 100 };
    expect(costOfNanos(usage, "gemini-2.5-pro")).toBe(250_000n * 2500n + 100n * 15000n);
    expect(costOfNanos({ ...usage, promptTokenCount: 200_000 }, "gemini-2.5-pro")).toBe(
      200_000n * 1250n + 100n * 10000n,
    );
  });

  it("has a flat price for Flash", () => {
    expect(costOf({ promptTokenCount: 1_000_000 }, "gemini-2.5-flash")).toBe(0.3);
  });
});

describe("costOf(response)", () => {
  it("prices { model, usage } as returned, with the API's dated model name", () => {
    const response = {
      id: "msg_01",
      model: "claude-sonnet-4-5-20250929",
      usage: { input_tokens: 1000, output_tokens: 500 },
    };
    expect(costOf(response)).toBe(0.0105);
    expect(costOfNanos(response)).toBe(10_500_000n);
  });

  it("prices Gemini's { modelVersion, usageMetadata }", () => {
    const response = {
      modelVersion: "gemini-2.5-flash",
      usageMetadata: { promptTokenCount: 1000, candidatesTokenCount: 100 },
    };
    expect(costOfNanos(response)).toBe(1000n * 300n + 100n * 2500n);
  });

  it("accepts a price entry as the model", () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 0 };
    expect(costOf({ model: models["gpt-4o"], usage })).toBe(0.0025);
  });

  it("names the missing model", () => {
    const error = thrown(() => costOf({ usage: { input_tokens: 1 } } as never));
    expect(error.field).toBe("response.model");
  });

  it("names a response that is not an object", () => {
    expect(() => costOf(undefined as never)).toThrow(
      /^response must be a response with model and usage/,
    );
  });

  it("names Gemini's usageMetadata path in its errors", () => {
    const response = { modelVersion: "gemini-2.5-pro", usageMetadata: { promptTokenCount: -1 } };
    expect(thrown(() => costOf(response)).field).toBe("usageMetadata.promptTokenCount");
  });
});

describe("costBreakdown(usage, model)", () => {
  it("lists each term's tokens, rate and cost", () => {
    const usage = {
      input_tokens: 100,
      cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 },
      cache_read_input_tokens: 3000,
      output_tokens: 400,
    };
    const bill = costBreakdown(usage, "claude-haiku-4.5");
    expect(bill.model).toBe("claude-haiku-4.5");
    expect(bill.promptTokens).toBe(6100);
    expect(bill.longContext).toBe(false);
    expect(Object.keys(bill.terms)).toEqual([...costTermNames]);
    expect(bill.terms.input).toEqual({
      tokens: 100,
      pricePerMillion: 1,
      costNanos: 100_000n,
      cost: 0.0001,
    });
    expect(bill.terms.cacheWrite5m.costNanos).toBe(1_250_000n);
    expect(bill.terms.cacheWrite1h).toEqual({
      tokens: 2000,
      pricePerMillion: 2,
      costNanos: 4_000_000n,
      cost: 0.004,
    });
    expect(bill.terms.cacheRead.costNanos).toBe(300_000n);
    expect(bill.terms.output.costNanos).toBe(2_000_000n);
    expect(bill.costNanos).toBe(7_650_000n);
    expect(bill.cost).toBe(0.00765);
  });

  it("shows the long-context rates when they apply", () => {
    const bill = costBreakdown({ input_tokens: 200_001, output_tokens: 10 }, "claude-sonnet-4.5");
    expect(bill.longContext).toBe(true);
    expect(bill.terms.input.pricePerMillion).toBe(6);
    expect(bill.terms.output.pricePerMillion).toBe(22.5);
  });

  it("reports reasoning tokens without billing them twice", () => {
    const usage = {
      prompt_tokens: 0,
      completion_tokens: 1000,
      completion_tokens_details: { reasoning_tokens: 900 },
    };
    const bill = costBreakdown(usage, "gpt-5-mini");
    expect(bill.reasoningTokens).toBe(900);
    expect(bill.terms.output.tokens).toBe(1000);
    expect(bill.cost).toBe(0.002);
  });
});

describe("normalizeUsage(usage, model)", () => {
  it("makes the parts of each provider's usage disjoint", () => {
    const zero = {
      inputTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
    };
    expect(
      normalizeUsage(
        { prompt_tokens: 100, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 60 } },
        "gpt-4o-mini",
      ),
    ).toEqual({ ...zero, inputTokens: 40, cacheReadTokens: 60, outputTokens: 5 });
    expect(
      normalizeUsage(
        { promptTokenCount: 100, cachedContentTokenCount: 60, thoughtsTokenCount: 7 },
        "gemini-2.5-flash",
      ),
    ).toEqual({
      ...zero,
      inputTokens: 40,
      cacheReadTokens: 60,
      outputTokens: 7,
      reasoningTokens: 7,
    });
    expect(
      normalizeUsage(
        { input_tokens: 100, output_tokens: 5, cache_read_input_tokens: 60 },
        "claude-opus-4.1",
      ),
    ).toEqual({ ...zero, inputTokens: 100, cacheReadTokens: 60, outputTokens: 5 });
  });

  it("reads input_tokens by the model's provider", () => {
    const usage = {
      input_tokens: 100,
      output_tokens: 0,
      input_tokens_details: { cached_tokens: 60 },
    };
    expect(normalizeUsage(usage, "gpt-5").inputTokens).toBe(40);
    expect(normalizeUsage(usage, "claude-sonnet-4.5").inputTokens).toBe(100);
  });

  it("accepts an already normalized usage, missing counts as 0", () => {
    const usage = normalizeUsage({ inputTokens: 10, cacheWrite1hTokens: 5 }, "gpt-4o");
    expect(usage).toMatchObject({ inputTokens: 10, cacheWrite1hTokens: 5, outputTokens: 0 });
    expect(costOfNanos({ inputTokens: 1000, outputTokens: 500 }, "claude-haiku-4.5")).toBe(
      3_500_000n,
    );
  });
});

describe("costOf(usage, model) rejects bad input", () => {
  const cases: [string, Usage, string, string, RegExp][] = [
    [
      "a negative count",
      { input_tokens: -3, output_tokens: 0 },
      "claude-sonnet-4.5",
      "usage.input_tokens",
      /received -3$/,
    ],
    [
      "a fractional count",
      { input_tokens: 1.5, output_tokens: 0 },
      "claude-sonnet-4.5",
      "usage.input_tokens",
      /received 1\.5$/,
    ],
    [
      "NaN",
      { prompt_tokens: NaN, completion_tokens: 0 },
      "gpt-4o",
      "usage.prompt_tokens",
      /received NaN$/,
    ],
    [
      "a string",
      { prompt_tokens: "12", completion_tokens: 0 } as never,
      "gpt-4o",
      "usage.prompt_tokens",
      /received "12"$/,
    ],
    [
      "a missing required count",
      { input_tokens: 10 } as never,
      "claude-sonnet-4.5",
      "usage.output_tokens",
      /received undefined$/,
    ],
    [
      "a nested bad count",
      { input_tokens: 0, output_tokens: 0, cache_creation: { ephemeral_1h_input_tokens: -1 } },
      "claude-sonnet-4.5",
      "usage.cache_creation.ephemeral_1h_input_tokens",
      /received -1$/,
    ],
    [
      "a bad Gemini count",
      { promptTokenCount: 10, thoughtsTokenCount: 2.5 },
      "gemini-2.5-pro",
      "usage.thoughtsTokenCount",
      /received 2\.5$/,
    ],
  ];

  it.each(cases)("%s, naming the field and the value", (_, usage, model, field, received) => {
    const error = thrown(() => costOf(usage, model));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(
      new RegExp(`^${field.replace(/\./g, "\\.")} must be a whole number of tokens ≥ 0`),
    );
    expect(error.message).toMatch(received);
  });

  it("rejects cached tokens beyond the prompt that includes them", () => {
    const usage = {
      prompt_tokens: 100,
      completion_tokens: 0,
      prompt_tokens_details: { cached_tokens: 150 },
    };
    const error = thrown(() => costOf(usage, "gpt-4o"));
    expect(error.field).toBe("usage.prompt_tokens_details.cached_tokens");
    expect(error.message).toBe(
      "usage.prompt_tokens_details.cached_tokens must be at most usage.prompt_tokens (100), which includes it, received 150",
    );
  });

  it("rejects Gemini cached tokens beyond promptTokenCount", () => {
    const error = thrown(() =>
      costOf({ promptTokenCount: 10, cachedContentTokenCount: 11 }, "gemini-2.5-pro"),
    );
    expect(error.field).toBe("usage.cachedContentTokenCount");
  });

  it("rejects reasoning tokens beyond the output that includes them", () => {
    const usage = {
      input_tokens: 0,
      output_tokens: 10,
      output_tokens_details: { reasoning_tokens: 11 },
    };
    expect(thrown(() => costOf(usage, "gpt-5")).field).toBe(
      "usage.output_tokens_details.reasoning_tokens",
    );
  });

  it("says which fields a provider expects when none match", () => {
    const usage = { prompt_tokens: 100, completion_tokens: 5 };
    const error = thrown(() => costOf(usage, "claude-sonnet-4.5"));
    expect(error.field).toBe("usage");
    expect(error.message).toBe(
      "usage must be an Anthropic usage object with input_tokens and output_tokens " +
        "(and optionally cache_creation_input_tokens, cache_read_input_tokens, cache_creation), " +
        "received an object with prompt_tokens, completion_tokens. " +
        "These look like OpenAI fields, but claude-sonnet-4.5 is an Anthropic model",
    );
  });

  it("says which fields Gemini expects for an unrelated object", () => {
    const error = thrown(() => costOf({ tokens: 5 } as never, "gemini-2.5-flash"));
    expect(error.message).toMatch(
      /^usage must be a Gemini usageMetadata object with promptTokenCount/,
    );
    expect(error.message).toMatch(/gemini-2\.5-flash is a Gemini model$/);
  });

  it.each([undefined, null, 5, "usage"])("rejects a usage of %o", (usage) => {
    expect(() => costOf(usage as never, "gpt-4o")).toThrow(
      /^usage must be a usage object as the provider returns it, received/,
    );
  });

  it("rejects an unknown model before reading usage", () => {
    const error = thrown(() => costOf({ input_tokens: 1, output_tokens: 1 }, "claude-sonnet-5.5"));
    expect(error.field).toBe("model");
    expect(error.message).toContain("Known ids:");
  });

  it("rejects a details field that is not an object", () => {
    const usage = { prompt_tokens: 1, completion_tokens: 1, prompt_tokens_details: 5 } as never;
    expect(thrown(() => costOf(usage, "gpt-4o")).field).toBe("usage.prompt_tokens_details");
  });
});
