// Cross-checks Crux's prices and usage reading against @pydantic/genai-prices,
// an independently maintained price table and calculator. For every model
// both know, a grid of usages must cost the same to the nano-dollar, except
// where a difference is listed below with the reason Crux's number is right.

import {
  calcPrice,
  extractUsage,
  findProvider,
  type Usage as TheirUsage,
} from "@pydantic/genai-prices";
import { describe, expect, it } from "vitest";
import {
  costOfNanos,
  modelIds,
  models,
  type ModelId,
  type ModelPrice,
  type NormalizedUsage,
  type Provider,
} from "cost";

/** Their name for our model: the provider's API name, as responses carry it. */
function theirName(id: ModelId): string {
  const entry = models[id];
  return entry.apiIds?.[0] ?? entry.id;
}

/** Their total for the same tokens, rounded to whole nano-dollars. */
function theirNanos(id: ModelId, usage: TheirUsage): bigint | null {
  const result = calcPrice(usage, theirName(id), { providerId: models[id].provider });
  if (result === null) return null;
  return BigInt(Math.round(result.total_price * 1e9));
}

/**
 * Their usage counts overlap where ours are disjoint: `input_tokens` is the
 * whole prompt, and the cache counts are parts of it.
 */
function toTheirs(usage: NormalizedUsage): TheirUsage {
  const writes = usage.cacheWrite5mTokens + usage.cacheWrite1hTokens;
  return {
    input_tokens: usage.inputTokens + writes + usage.cacheReadTokens,
    cache_write_tokens: writes,
    cache_write_1h_tokens: usage.cacheWrite1hTokens,
    cache_read_tokens: usage.cacheReadTokens,
    output_tokens: usage.outputTokens,
  };
}

function grid(): NormalizedUsage[] {
  const usages: NormalizedUsage[] = [];
  for (const inputTokens of [0, 1, 999, 123_457, 199_999, 1_000_000])
    for (const cacheWrite5mTokens of [0, 4096])
      for (const cacheWrite1hTokens of [0, 2048])
        for (const cacheReadTokens of [0, 50_000, 150_001])
          for (const outputTokens of [0, 1, 12_345, 300_000]) {
            usages.push({
              inputTokens,
              cacheWrite5mTokens,
              cacheWrite1hTokens,
              cacheReadTokens,
              outputTokens,
              reasoningTokens: 0,
            });
          }
  return usages;
}

function promptOf(usage: NormalizedUsage): number {
  return (
    usage.inputTokens + usage.cacheWrite5mTokens + usage.cacheWrite1hTokens + usage.cacheReadTokens
  );
}

function withoutLongContext(entry: ModelPrice): ModelPrice {
  const { longContext: _dropped, ...flat } = entry;
  return { ...flat, id: `${entry.id} (flat)` };
}

interface Difference {
  readonly model: ModelId;
  /** Which usages differ. */
  readonly applies: (usage: NormalizedUsage) => boolean;
  /** What they charge instead: our price computed their way. */
  readonly theirs: (usage: NormalizedUsage) => bigint;
  readonly reason: string;
}

// Deliberate differences, each with the reason Crux's number is right.
const differences: readonly Difference[] = [
  {
    model: "claude-sonnet-4",
    applies: (usage) => promptOf(usage) > 200_000,
    theirs: (usage) => costOfNanos(usage, withoutLongContext(models["claude-sonnet-4"])),
    reason:
      "Anthropic's pricing page lists the long-context rates ($6 / $22.50 per million, " +
      "and the cache rates doubled) for prompts over 200K tokens on Sonnet 4 and Sonnet 4.5 " +
      "alike; genai-prices (0.1.8) gives Sonnet 4 no tier, so it bills those prompts at the " +
      "base rates.",
  },
];

describe("@pydantic/genai-prices agrees with models and costOf", () => {
  it("knows every model in the table", () => {
    const unknown = modelIds.filter(
      (id) => theirNanos(id, { input_tokens: 1, output_tokens: 1 }) === null,
    );
    expect(unknown).toEqual([]);
  });

  it.each(modelIds.map((id) => [id]))(
    "prices a grid of usages of %s the same to the nano-dollar",
    (id) => {
      const usages = grid();
      let differing = 0;
      for (const usage of usages) {
        const ours = costOfNanos(usage, id);
        const theirs = theirNanos(id, toTheirs(usage));
        const known = differences.find(
          (difference) => difference.model === id && difference.applies(usage),
        );
        if (known === undefined) {
          expect({ usage, nanos: theirs }).toEqual({ usage, nanos: ours });
          continue;
        }
        // The difference must be exactly the listed one, and real.
        differing++;
        expect({ usage, nanos: theirs }).toEqual({ usage, nanos: known.theirs(usage) });
        expect(ours).toBeGreaterThan(theirs ?? 0n);
      }
      const listed = differences.some((difference) => difference.model === id);
      expect(differing > 0).toBe(listed);
    },
  );

  it("lists a reason for every deliberate difference", () => {
    for (const difference of differences) expect(difference.reason.length).toBeGreaterThan(40);
  });
});

describe("@pydantic/genai-prices reads raw responses as costOf does", () => {
  const responses: [string, Provider, string, ModelId, Record<string, unknown>][] = [
    [
      "an Anthropic message with a split cache write",
      "anthropic",
      "default",
      "claude-sonnet-4.5",
      {
        model: "claude-sonnet-4-5-20250929",
        usage: {
          input_tokens: 1200,
          cache_creation_input_tokens: 9000,
          cache_creation: { ephemeral_5m_input_tokens: 3000, ephemeral_1h_input_tokens: 6000 },
          cache_read_input_tokens: 40_000,
          output_tokens: 850,
        },
      },
    ],
    [
      "an Anthropic message over the long-context threshold",
      "anthropic",
      "default",
      "claude-sonnet-4.5",
      {
        model: "claude-sonnet-4-5",
        usage: { input_tokens: 20_000, cache_read_input_tokens: 190_000, output_tokens: 3000 },
      },
    ],
    [
      "an OpenAI chat completion with cached and reasoning tokens",
      "openai",
      "chat",
      "gpt-5",
      {
        model: "gpt-5",
        usage: {
          prompt_tokens: 5000,
          completion_tokens: 2100,
          total_tokens: 7100,
          prompt_tokens_details: { cached_tokens: 3968 },
          completion_tokens_details: { reasoning_tokens: 1700 },
        },
      },
    ],
    [
      "an OpenAI Responses API response",
      "openai",
      "responses",
      "gpt-4.1-mini",
      {
        model: "gpt-4.1-mini",
        usage: {
          input_tokens: 3000,
          input_tokens_details: { cached_tokens: 2048 },
          output_tokens: 400,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: 3400,
        },
      },
    ],
    [
      "a Gemini response with thoughts, a cache and tool use",
      "google",
      "default",
      "gemini-2.5-pro",
      {
        modelVersion: "gemini-2.5-pro",
        usageMetadata: {
          promptTokenCount: 12_000,
          cachedContentTokenCount: 8000,
          candidatesTokenCount: 900,
          thoughtsTokenCount: 2500,
          toolUsePromptTokenCount: 300,
          totalTokenCount: 15_700,
        },
      },
    ],
    [
      "a Gemini response over the long-context threshold",
      "google",
      "default",
      "gemini-2.5-pro",
      {
        modelVersion: "gemini-2.5-pro",
        usageMetadata: {
          promptTokenCount: 250_000,
          candidatesTokenCount: 1000,
          totalTokenCount: 251_000,
        },
      },
    ],
  ];

  it.each(responses)("%s", (_, providerId, flavor, id, body) => {
    const provider = findProvider({ providerId });
    expect(provider).toBeDefined();
    const extracted = extractUsage(provider!, body, flavor);
    const result = calcPrice(extracted.usage, extracted.model ?? theirName(id), { providerId });
    expect(result).not.toBeNull();
    const theirs = BigInt(Math.round(result!.total_price * 1e9));
    expect(costOfNanos(body as never)).toBe(theirs);
  });
});
