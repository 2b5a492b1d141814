// The cost of one response. Each provider reports usage in its own shape,
// and the shapes disagree on what includes what: OpenAI's prompt_tokens
// include the cached tokens, Anthropic's input_tokens do not, Gemini's
// thoughts are outside candidatesTokenCount. normalizeUsage turns every
// shape into one with disjoint parts, and costBreakdown prices the parts.

import { checkObject, checkTokens, CostInputError } from "./errors";
import {
  getModel,
  isLongContext,
  ratesNanos,
  ratesOf,
  type ModelPrice,
  type ModelRef,
  type Provider,
} from "./models";
import { usdFromNanos, type Nanos } from "./money";

/**
 * Usage with disjoint parts: every prompt token is in exactly one of the
 * first four counts, and `outputTokens` counts every billed output token.
 */
export interface NormalizedUsage {
  /** Prompt tokens billed at the plain input rate (uncached). */
  readonly inputTokens: number;
  /** Prompt tokens written to a 5-minute cache. */
  readonly cacheWrite5mTokens: number;
  /** Prompt tokens written to a 1-hour cache. */
  readonly cacheWrite1hTokens: number;
  /** Prompt tokens read from the cache. */
  readonly cacheReadTokens: number;
  /** Generated tokens, reasoning included. */
  readonly outputTokens: number;
  /** Reasoning tokens; informational, already inside `outputTokens`. */
  readonly reasoningTokens: number;
}

/** Anthropic Messages API `usage`. `input_tokens` excludes cached ones. */
export interface AnthropicUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  readonly cache_creation?: {
    readonly ephemeral_5m_input_tokens?: number | null;
    readonly ephemeral_1h_input_tokens?: number | null;
  } | null;
  readonly server_tool_use?: unknown;
  readonly service_tier?: string | null;
}

/** OpenAI Chat Completions `usage`. Totals include their details. */
export interface OpenAIChatUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens?: number;
  readonly prompt_tokens_details?: {
    readonly cached_tokens?: number | null;
    readonly audio_tokens?: number | null;
  } | null;
  readonly completion_tokens_details?: {
    readonly reasoning_tokens?: number | null;
    readonly audio_tokens?: number | null;
    readonly accepted_prediction_tokens?: number | null;
    readonly rejected_prediction_tokens?: number | null;
  } | null;
}

/** OpenAI Responses API `usage`. Totals include their details. */
export interface OpenAIResponsesUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly total_tokens?: number;
  readonly input_tokens_details?: {
    readonly cached_tokens?: number | null;
  } | null;
  readonly output_tokens_details?: {
    readonly reasoning_tokens?: number | null;
  } | null;
}

/** Gemini `usageMetadata`. The prompt count includes the cached count. */
export interface GeminiUsage {
  readonly promptTokenCount: number;
  readonly candidatesTokenCount?: number | null;
  readonly cachedContentTokenCount?: number | null;
  readonly thoughtsTokenCount?: number | null;
  readonly toolUsePromptTokenCount?: number | null;
  readonly totalTokenCount?: number;
  readonly promptTokensDetails?: unknown;
  readonly candidatesTokensDetails?: unknown;
  readonly cacheTokensDetails?: unknown;
  readonly toolUsePromptTokensDetails?: unknown;
}

/** Any usage object costOf can read: a provider's own, or normalized. */
export type Usage =
  | AnthropicUsage
  | OpenAIChatUsage
  | OpenAIResponsesUsage
  | GeminiUsage
  | Partial<NormalizedUsage>;

/** A response as the provider returns it, or its `{ model, usage }`. */
export interface ProviderResponse {
  readonly model: ModelRef;
  readonly usage: Usage;
}

/** A Gemini response, which names its parts differently. */
export interface GeminiResponse {
  readonly modelVersion: string;
  readonly usageMetadata: GeminiUsage;
}

type Fields = Record<string, unknown>;

const NORMALIZED_KEYS = [
  "inputTokens",
  "cacheWrite5mTokens",
  "cacheWrite1hTokens",
  "cacheReadTokens",
  "outputTokens",
  "reasoningTokens",
] as const;

const SHAPES = {
  anthropic: {
    keys: [
      "input_tokens",
      "output_tokens",
      "cache_creation_input_tokens",
      "cache_read_input_tokens",
      "cache_creation",
    ],
    expected:
      "an Anthropic usage object with input_tokens and output_tokens " +
      "(and optionally cache_creation_input_tokens, " +
      "cache_read_input_tokens, cache_creation)",
  },
  openai: {
    keys: [
      "prompt_tokens",
      "completion_tokens",
      "prompt_tokens_details",
      "completion_tokens_details",
      "input_tokens",
      "output_tokens",
      "input_tokens_details",
      "output_tokens_details",
    ],
    expected:
      "an OpenAI usage object with prompt_tokens and completion_tokens " +
      "(Chat Completions) or input_tokens and output_tokens (Responses)",
  },
  google: {
    keys: [
      "promptTokenCount",
      "candidatesTokenCount",
      "cachedContentTokenCount",
      "thoughtsTokenCount",
      "toolUsePromptTokenCount",
    ],
    expected:
      "a Gemini usageMetadata object with promptTokenCount (and " +
      "optionally candidatesTokenCount, cachedContentTokenCount, " +
      "thoughtsTokenCount, toolUsePromptTokenCount)",
  },
} as const satisfies Record<
  Provider,
  { keys: readonly string[]; expected: string }
>;

const PROVIDER_NAMES: Record<Provider, string> = {
  anthropic: "Anthropic",
  openai: "OpenAI",
  google: "Gemini",
};

const A_PROVIDER_MODEL: Record<Provider, string> = {
  anthropic: "an Anthropic model",
  openai: "an OpenAI model",
  google: "a Gemini model",
};

function has(fields: Fields, keys: readonly string[]): boolean {
  return keys.some((key) => key in fields);
}

/** A token count at `fields[key]`; absent or null counts as 0 if optional. */
function tokens(
  fields: Fields,
  key: string,
  path: string,
  required = false,
): number {
  const value = fields[key];
  if (!required && (value === undefined || value === null)) return 0;
  return checkTokens(value, `${path}.${key}`);
}

/** A nested details object such as `prompt_tokens_details`; may be absent. */
function details(fields: Fields, key: string, path: string): Fields {
  const value = fields[key];
  if (value === undefined || value === null) return {};
  return checkObject(value, `${path}.${key}`, "an object of token counts");
}

/** A part that the provider reports as included in a total. */
function included(
  part: number,
  partField: string,
  total: number,
  totalField: string,
): number {
  if (part <= total) return part;
  throw new CostInputError(
    partField,
    part,
    `at most ${totalField} (${total}), which includes it`,
  );
}

function normalized(parts: Partial<NormalizedUsage>): NormalizedUsage {
  return {
    inputTokens: parts.inputTokens ?? 0,
    cacheWrite5mTokens: parts.cacheWrite5mTokens ?? 0,
    cacheWrite1hTokens: parts.cacheWrite1hTokens ?? 0,
    cacheReadTokens: parts.cacheReadTokens ?? 0,
    outputTokens: parts.outputTokens ?? 0,
    reasoningTokens: parts.reasoningTokens ?? 0,
  };
}

function fromNormalized(fields: Fields, path: string): NormalizedUsage {
  const parts: Record<string, number> = {};
  for (const key of NORMALIZED_KEYS) parts[key] = tokens(fields, key, path);
  const counts = normalized(parts);
  included(
    counts.reasoningTokens,
    `${path}.reasoningTokens`,
    counts.outputTokens,
    `${path}.outputTokens`,
  );
  return counts;
}

// Anthropic: input_tokens are the uncached prompt tokens only. The split
// of cache writes by lifetime, when present, wins over their total; a bare
// total is a 5-minute write, the default lifetime.
function fromAnthropic(fields: Fields, path: string): NormalizedUsage {
  const written = tokens(fields, "cache_creation_input_tokens", path);
  const split = details(fields, "cache_creation", path);
  const splitPath = `${path}.cache_creation`;
  const hasSplit = has(split, [
    "ephemeral_5m_input_tokens",
    "ephemeral_1h_input_tokens",
  ]);

  return normalized({
    inputTokens: tokens(fields, "input_tokens", path, true),
    cacheWrite5mTokens: hasSplit
      ? tokens(split, "ephemeral_5m_input_tokens", splitPath)
      : written,
    cacheWrite1hTokens: tokens(split, "ephemeral_1h_input_tokens", splitPath),
    cacheReadTokens: tokens(fields, "cache_read_input_tokens", path),
    outputTokens: tokens(fields, "output_tokens", path, true),
  });
}

// OpenAI: the prompt count includes the cached tokens and the completion
// count includes the reasoning tokens. The two APIs name them differently.
const OPENAI_FIELDS = {
  chat: {
    prompt: "prompt_tokens",
    output: "completion_tokens",
    promptDetails: "prompt_tokens_details",
    outputDetails: "completion_tokens_details",
  },
  responses: {
    prompt: "input_tokens",
    output: "output_tokens",
    promptDetails: "input_tokens_details",
    outputDetails: "output_tokens_details",
  },
} as const;

function fromOpenAI(fields: Fields, path: string): NormalizedUsage {
  const api = has(fields, Object.values(OPENAI_FIELDS.chat))
    ? OPENAI_FIELDS.chat
    : OPENAI_FIELDS.responses;
  const promptField = `${path}.${api.prompt}`;
  const outputField = `${path}.${api.output}`;
  const cachedPath = `${path}.${api.promptDetails}`;
  const reasoningPath = `${path}.${api.outputDetails}`;

  const prompt = tokens(fields, api.prompt, path, true);
  const output = tokens(fields, api.output, path, true);
  const promptDetails = details(fields, api.promptDetails, path);
  const outputDetails = details(fields, api.outputDetails, path);
  const cached = tokens(promptDetails, "cached_tokens", cachedPath);
  const reasoning = tokens(outputDetails, "reasoning_tokens", reasoningPath);
  included(cached, `${cachedPath}.cached_tokens`, prompt, promptField);
  included(reasoning, `${reasoningPath}.reasoning_tokens`, output, outputField);

  return normalized({
    inputTokens: prompt - cached,
    cacheReadTokens: cached,
    outputTokens: output,
    reasoningTokens: reasoning,
  });
}

// Gemini: promptTokenCount includes the cached tokens; thoughts are billed
// as output but are not inside candidatesTokenCount; tool-use prompt
// tokens are input reported beside the prompt, and like the rest of the
// input they count toward the long-context threshold.
function fromGemini(fields: Fields, path: string): NormalizedUsage {
  const prompt = tokens(fields, "promptTokenCount", path, true);
  const cached = tokens(fields, "cachedContentTokenCount", path);
  const thoughts = tokens(fields, "thoughtsTokenCount", path);
  const toolUse = tokens(fields, "toolUsePromptTokenCount", path);
  included(
    cached,
    `${path}.cachedContentTokenCount`,
    prompt,
    `${path}.promptTokenCount`,
  );

  return normalized({
    inputTokens: prompt - cached + toolUse,
    cacheReadTokens: cached,
    outputTokens: tokens(fields, "candidatesTokenCount", path) + thoughts,
    reasoningTokens: thoughts,
  });
}

const READERS: Record<Provider, (f: Fields, p: string) => NormalizedUsage> = {
  anthropic: fromAnthropic,
  openai: fromOpenAI,
  google: fromGemini,
};

function wrongShape(
  fields: Fields,
  model: ModelPrice,
  path: string,
): CostInputError {
  const { provider } = model;
  const other = (Object.keys(SHAPES) as Provider[]).find(
    (name) => name !== provider && has(fields, SHAPES[name].keys),
  );
  const kind = `${model.id} is ${A_PROVIDER_MODEL[provider]}`;
  const hint =
    other === undefined
      ? kind
      : `These look like ${PROVIDER_NAMES[other]} fields, but ${kind}`;
  return new CostInputError(path, fields, SHAPES[provider].expected, hint);
}

/**
 * A provider's usage object as disjoint token counts, read according to
 * the model's provider (Anthropic and OpenAI's Responses API share field
 * names but not their meaning). Also accepts an already normalized object
 * (`{ inputTokens, outputTokens, ... }`, missing counts taken as 0).
 * Throws CostInputError naming the field for a count that is missing,
 * negative, fractional or not a number, or larger than the total that
 * includes it.
 */
export function normalizeUsage(
  usage: Usage,
  model: ModelRef,
  path = "usage",
): NormalizedUsage {
  const entry = getModel(model);
  const fields = checkObject(
    usage,
    path,
    "a usage object as the provider returns it",
  );
  if (has(fields, NORMALIZED_KEYS)) return fromNormalized(fields, path);
  if (!has(fields, SHAPES[entry.provider].keys)) {
    throw wrongShape(fields, entry, path);
  }
  return READERS[entry.provider](fields, path);
}

/** The billed token types, in the order bills list them. */
export type CostTermName =
  "input" | "cacheWrite5m" | "cacheWrite1h" | "cacheRead" | "output";

/** Every CostTermName, in display order. */
export const costTermNames: readonly CostTermName[] = Object.freeze([
  "input",
  "cacheWrite5m",
  "cacheWrite1h",
  "cacheRead",
  "output",
]);

/** One line of a bill: a token type, its count, its price, its cost. */
export interface CostTerm {
  readonly tokens: number;
  /** The rate that applied, USD per million tokens. */
  readonly pricePerMillion: number;
  /** Cost of these tokens in nano-dollars. */
  readonly costNanos: Nanos;
  /** Cost of these tokens in USD. */
  readonly cost: number;
}

/** One response's cost, line by line. */
export interface CostBreakdown {
  /** The id of the price entry used. */
  readonly model: string;
  /** Prompt tokens: uncached, cache-write and cache-read together. */
  readonly promptTokens: number;
  /** Whether the long-context rates applied to every term. */
  readonly longContext: boolean;
  readonly terms: Readonly<Record<CostTermName, CostTerm>>;
  /** Reasoning tokens, already counted in `terms.output`. */
  readonly reasoningTokens: number;
  /** Total in nano-dollars. */
  readonly costNanos: Nanos;
  /** Total in USD. */
  readonly cost: number;
}

const USAGE_OF_TERM: Record<CostTermName, keyof NormalizedUsage> = {
  input: "inputTokens",
  cacheWrite5m: "cacheWrite5mTokens",
  cacheWrite1h: "cacheWrite1hTokens",
  cacheRead: "cacheReadTokens",
  output: "outputTokens",
};

/**
 * One response's cost term by term: tokens, the rate in USD per million,
 * and the cost in nano-dollars and USD, with whether the long-context tier
 * applied (a prompt above the tier's threshold moves every term, output
 * included, to the long rates).
 */
export function costBreakdown(usage: Usage, model: ModelRef): CostBreakdown {
  return breakdown(usage, model, "usage");
}

function breakdown(
  usage: unknown,
  model: ModelRef,
  path: string,
): CostBreakdown {
  const entry = getModel(model);
  const counts = normalizeUsage(usage as Usage, entry, path);
  const promptTokens =
    counts.inputTokens +
    counts.cacheWrite5mTokens +
    counts.cacheWrite1hTokens +
    counts.cacheReadTokens;
  const longContext = isLongContext(entry, promptTokens);
  const nanos = ratesNanos(entry, longContext);
  const printed = ratesOf(entry, longContext);

  let costNanos = 0n;
  const terms = {} as Record<CostTermName, CostTerm>;
  for (const name of costTermNames) {
    const count = counts[USAGE_OF_TERM[name]];
    const termNanos = BigInt(count) * nanos[name];
    costNanos += termNanos;
    terms[name] = {
      tokens: count,
      pricePerMillion: printed[name],
      costNanos: termNanos,
      cost: usdFromNanos(termNanos),
    };
  }

  return {
    model: entry.id,
    promptTokens,
    longContext,
    terms,
    reasoningTokens: counts.reasoningTokens,
    costNanos,
    cost: usdFromNanos(costNanos),
  };
}

const RESPONSE_EXPECTED =
  "a response with model and usage (Gemini: modelVersion and usageMetadata)";

/** The nano-dollar cost of a response, or of a usage with its model. */
function nanosOf(input: unknown, model: ModelRef | undefined): Nanos {
  if (model !== undefined) return breakdown(input, model, "usage").costNanos;

  const response = checkObject(input, "response", RESPONSE_EXPECTED);
  const gemini = !("usage" in response) && "usageMetadata" in response;
  const ref = gemini ? response.modelVersion : response.model;
  const field = gemini ? "response.modelVersion" : "response.model";
  if (typeof ref !== "string" && (typeof ref !== "object" || ref === null)) {
    throw new CostInputError(field, ref, "a model id from `models`");
  }
  const usage = gemini ? response.usageMetadata : response.usage;
  const path = gemini ? "usageMetadata" : "usage";
  return breakdown(usage, ref as ModelRef, path).costNanos;
}

/**
 * Nano-dollars for one response: `costOfNanos(response)` with a response
 * `{ model, usage }` as the provider returns it, or
 * `costOfNanos(usage, model)`. Exact; see costOf for dollars.
 */
export function costOfNanos(response: ProviderResponse | GeminiResponse): Nanos;
export function costOfNanos(usage: Usage, model: ModelRef): Nanos;
export function costOfNanos(input: unknown, model?: ModelRef): Nanos {
  return nanosOf(input, model);
}

/**
 * USD for one response: `costOf(response)` with a response
 * `{ model, usage }` as the provider returns it, or `costOf(usage, model)`
 * with a provider's usage object and a model id from `models` (or a price
 * entry). The result is the nearest double to a whole number of
 * nano-dollars; use costOfNanos to add many costs exactly.
 */
export function costOf(response: ProviderResponse | GeminiResponse): number;
export function costOf(usage: Usage, model: ModelRef): number;
export function costOf(input: unknown, model?: ModelRef): number {
  return usdFromNanos(nanosOf(input, model));
}
