// The pinned price table. Prices are USD per million tokens exactly as the
// providers' pricing pages print them; each has at most three decimals, so
// one token costs a whole number of nano-dollars (USD per million × 1000).

import {
  checkObject,
  checkOneOf,
  checkTokens,
  closest,
  CostInputError,
} from "./errors";
import { decimalPlaces, nanosFromUsd, type Nanos } from "./money";

/** Who serves the model; decides how its usage object is read. */
export type Provider = "anthropic" | "openai" | "google";

/** How long a prompt-cache entry lives: 5 minutes or 1 hour. */
export type CacheTtl = "5m" | "1h";

/** Per-token-type prices, each in USD per million tokens. */
export interface Rates {
  /** Uncached prompt tokens. */
  readonly input: number;
  /** Generated tokens, reasoning included. */
  readonly output: number;
  /** Prompt tokens written to a cache that lives 5 minutes. */
  readonly cacheWrite5m: number;
  /** Prompt tokens written to a cache that lives 1 hour. */
  readonly cacheWrite1h: number;
  /** Prompt tokens read back from the cache. */
  readonly cacheRead: number;
}

/**
 * A long-context tier: once a request's prompt (uncached, cache-write and
 * cache-read tokens together) passes `threshold` tokens, every token of
 * that request, output included, is billed at these rates instead.
 */
export interface LongContextRates extends Rates {
  /** Prompt tokens above which the tier applies (strictly greater). */
  readonly threshold: number;
}

/** One model's prices and where they come from. */
export interface ModelPrice extends Rates {
  /** Crux's id for the model, the key in `models`. */
  readonly id: string;
  readonly provider: Provider;
  /** The model's name for display. */
  readonly label: string;
  /** Higher rates for long prompts, where the provider has them. */
  readonly longContext?: LongContextRates;
  /** Shortest prompt prefix, in tokens, that the provider will cache. */
  readonly minCacheableTokens: number;
  /** The pricing page the numbers were copied from. */
  readonly source: string;
  /** The date the prices were read, as YYYY-MM-DD. */
  readonly asOf: string;
  /** The model names the provider's API uses, dated snapshots aside. */
  readonly apiIds?: readonly string[];
  /** What the entry leaves out or assumes. */
  readonly notes?: string;
}

const AS_OF = "2025-11-24";

const ANTHROPIC = {
  provider: "anthropic",
  source: "https://docs.claude.com/en/docs/about-claude/pricing",
  asOf: AS_OF,
} as const;

// Sonnet 4 and 4.5 bill the whole request at these rates once its prompt
// passes 200K tokens (the 1M-token context window). @pydantic/genai-prices
// 0.1.8 gives Sonnet 4 no such tier; Anthropic's pricing page lists it for
// both, so Crux keeps it (tests/unit/cost/genaiPrices.test.ts).
const SONNET_LONG_CONTEXT: LongContextRates = {
  threshold: 200_000,
  input: 6,
  output: 22.5,
  cacheWrite5m: 7.5,
  cacheWrite1h: 12,
  cacheRead: 0.6,
};

const OPENAI_NOTES =
  "Caching is automatic for prompts of 1,024 tokens or more. There is " +
  "no write premium, so a cache write costs the plain input rate and " +
  "the 5m and 1h write prices are both the input price. OpenAI caches " +
  "prefixes in 128-token steps; that granularity is not modelled.";

/** An OpenAI model: cache writes cost the plain input rate. */
function openai(entry: {
  id: string;
  label: string;
  input: number;
  output: number;
  cacheRead: number;
}): ModelPrice {
  return {
    ...entry,
    provider: "openai",
    cacheWrite5m: entry.input,
    cacheWrite1h: entry.input,
    minCacheableTokens: 1024,
    source: "https://platform.openai.com/docs/pricing",
    asOf: AS_OF,
    notes: OPENAI_NOTES,
  };
}

// Gemini bills the tokens that fill a context cache at the plain input
// rate, plus storage per hour. Storage is not a per-request token cost and
// is not modelled here: the entries say so in `notes`.
const GEMINI_NOTES =
  "Cache writes cost the plain input rate. Explicit context caches also " +
  "bill storage per hour (per million tokens), which is not modelled.";

const GOOGLE = {
  provider: "google",
  source: "https://ai.google.dev/gemini-api/docs/pricing",
  asOf: AS_OF,
  notes: GEMINI_NOTES,
} as const;

const table = {
  "claude-haiku-4.5": {
    ...ANTHROPIC,
    id: "claude-haiku-4.5",
    label: "Claude Haiku 4.5",
    input: 1,
    output: 5,
    cacheWrite5m: 1.25,
    cacheWrite1h: 2,
    cacheRead: 0.1,
    minCacheableTokens: 4096,
    apiIds: ["claude-haiku-4-5"],
  },
  "claude-sonnet-4.5": {
    ...ANTHROPIC,
    id: "claude-sonnet-4.5",
    label: "Claude Sonnet 4.5",
    input: 3,
    output: 15,
    cacheWrite5m: 3.75,
    cacheWrite1h: 6,
    cacheRead: 0.3,
    longContext: SONNET_LONG_CONTEXT,
    minCacheableTokens: 1024,
    apiIds: ["claude-sonnet-4-5"],
  },
  "claude-opus-4.5": {
    ...ANTHROPIC,
    id: "claude-opus-4.5",
    label: "Claude Opus 4.5",
    input: 5,
    output: 25,
    cacheWrite5m: 6.25,
    cacheWrite1h: 10,
    cacheRead: 0.5,
    minCacheableTokens: 4096,
    apiIds: ["claude-opus-4-5"],
  },
  "claude-opus-4.1": {
    ...ANTHROPIC,
    id: "claude-opus-4.1",
    label: "Claude Opus 4.1",
    input: 15,
    output: 75,
    cacheWrite5m: 18.75,
    cacheWrite1h: 30,
    cacheRead: 1.5,
    minCacheableTokens: 1024,
    apiIds: ["claude-opus-4-1"],
  },
  "claude-sonnet-4": {
    ...ANTHROPIC,
    id: "claude-sonnet-4",
    label: "Claude Sonnet 4",
    input: 3,
    output: 15,
    cacheWrite5m: 3.75,
    cacheWrite1h: 6,
    cacheRead: 0.3,
    longContext: SONNET_LONG_CONTEXT,
    minCacheableTokens: 1024,
    apiIds: ["claude-sonnet-4-0"],
  },
  "claude-haiku-3.5": {
    ...ANTHROPIC,
    id: "claude-haiku-3.5",
    label: "Claude Haiku 3.5",
    input: 0.8,
    output: 4,
    cacheWrite5m: 1,
    cacheWrite1h: 1.6,
    cacheRead: 0.08,
    minCacheableTokens: 2048,
    apiIds: ["claude-3-5-haiku", "claude-3-5-haiku-latest"],
  },
  "gpt-4o": openai({
    id: "gpt-4o",
    label: "GPT-4o",
    input: 2.5,
    output: 10,
    cacheRead: 1.25,
  }),
  "gpt-4o-mini": openai({
    id: "gpt-4o-mini",
    label: "GPT-4o mini",
    input: 0.15,
    output: 0.6,
    cacheRead: 0.075,
  }),
  "gpt-4.1": openai({
    id: "gpt-4.1",
    label: "GPT-4.1",
    input: 2,
    output: 8,
    cacheRead: 0.5,
  }),
  "gpt-4.1-mini": openai({
    id: "gpt-4.1-mini",
    label: "GPT-4.1 mini",
    input: 0.4,
    output: 1.6,
    cacheRead: 0.1,
  }),
  "gpt-5": openai({
    id: "gpt-5",
    label: "GPT-5",
    input: 1.25,
    output: 10,
    cacheRead: 0.125,
  }),
  "gpt-5-mini": openai({
    id: "gpt-5-mini",
    label: "GPT-5 mini",
    input: 0.25,
    output: 2,
    cacheRead: 0.025,
  }),
  "gpt-5-nano": openai({
    id: "gpt-5-nano",
    label: "GPT-5 nano",
    input: 0.05,
    output: 0.4,
    cacheRead: 0.005,
  }),
  "gemini-2.5-pro": {
    ...GOOGLE,
    id: "gemini-2.5-pro",
    label: "Gemini 2.5 Pro",
    input: 1.25,
    output: 10,
    cacheWrite5m: 1.25,
    cacheWrite1h: 1.25,
    cacheRead: 0.125,
    longContext: {
      threshold: 200_000,
      input: 2.5,
      output: 15,
      cacheWrite5m: 2.5,
      cacheWrite1h: 2.5,
      cacheRead: 0.25,
    },
    minCacheableTokens: 2048,
  },
  "gemini-2.5-flash": {
    ...GOOGLE,
    id: "gemini-2.5-flash",
    label: "Gemini 2.5 Flash",
    input: 0.3,
    output: 2.5,
    cacheWrite5m: 0.3,
    cacheWrite1h: 0.3,
    cacheRead: 0.03,
    minCacheableTokens: 1024,
  },
} satisfies Record<string, ModelPrice>;

/** The id of a model in the pinned table, such as "claude-sonnet-4.5". */
export type ModelId = keyof typeof table;

/** A model id from `models`, or a price entry of the same shape. */
export type ModelRef = ModelId | ModelPrice | (string & {});

/** Per-token prices in whole nano-dollars (USD per million × 1000). */
export interface RatesNanos {
  readonly input: Nanos;
  readonly output: Nanos;
  readonly cacheWrite5m: Nanos;
  readonly cacheWrite1h: Nanos;
  readonly cacheRead: Nanos;
}

const RATE_NAMES = [
  "input",
  "output",
  "cacheWrite5m",
  "cacheWrite1h",
  "cacheRead",
] as const;

interface PricedModel {
  readonly base: RatesNanos;
  readonly long?: RatesNanos;
}

// Entries already checked, and their per-token prices. Only frozen entries
// are remembered: an object that can still change must be checked each time.
const checked = new WeakMap<ModelPrice, PricedModel>();

function checkPrice(value: unknown, field: string): Nanos {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= 0 &&
    decimalPlaces(value) <= 3;
  if (!ok) {
    throw new CostInputError(
      field,
      value,
      "a price in USD per million tokens ≥ 0 with at most 3 decimals",
    );
  }
  return nanosFromUsd(value) / 1_000_000n;
}

function checkRates(rates: Record<string, unknown>, field: string) {
  const nanos = {} as Record<(typeof RATE_NAMES)[number], Nanos>;
  for (const name of RATE_NAMES) {
    nanos[name] = checkPrice(rates[name], `${field}.${name}`);
  }
  return nanos;
}

function checkText(value: unknown, field: string, pattern = /\S/): void {
  if (typeof value === "string" && pattern.test(value)) return;
  throw new CostInputError(field, value, `text matching ${pattern}`);
}

/** Checks every field of a price entry, returning its per-token prices. */
function checkEntry(entry: ModelPrice, field: string): PricedModel {
  const fields = checkObject(entry, field, "a model price entry");
  checkText(fields.id, `${field}.id`);
  checkOneOf(fields.provider, `${field}.provider`, PROVIDERS);
  checkText(fields.label, `${field}.label`);
  checkTokens(fields.minCacheableTokens, `${field}.minCacheableTokens`);
  checkText(fields.source, `${field}.source`, /^https:\/\//);
  checkText(fields.asOf, `${field}.asOf`, /^\d{4}-\d{2}-\d{2}$/);
  const base = checkRates(fields, field);

  if (fields.longContext === undefined) return { base };
  const tier = checkObject(
    fields.longContext,
    `${field}.longContext`,
    "a long-context tier with a threshold and five rates",
  );
  checkTokens(tier.threshold, `${field}.longContext.threshold`);
  return { base, long: checkRates(tier, `${field}.longContext`) };
}

const PROVIDERS: readonly Provider[] = ["anthropic", "openai", "google"];

function freezeEntry(entry: ModelPrice): ModelPrice {
  if (entry.longContext) Object.freeze(entry.longContext);
  if (entry.apiIds) Object.freeze(entry.apiIds);
  return Object.freeze(entry);
}

for (const [key, entry] of Object.entries(table)) {
  if (entry.id !== key) {
    throw new CostInputError(`models["${key}"].id`, entry.id, `"${key}"`);
  }
  checked.set(freezeEntry(entry), checkEntry(entry, `models["${key}"]`));
}

/**
 * The pinned price table, keyed by model id. Prices are USD per million
 * tokens as the providers print them; see each entry's `source` and `asOf`.
 */
export const models: Readonly<Record<ModelId, ModelPrice>> =
  Object.freeze(table);

/** Every model id in `models`, in table order. */
export const modelIds: readonly ModelId[] = Object.freeze(
  Object.keys(table) as ModelId[],
);

// Provider API names (and the same names with a date suffix removed) that
// map to a table entry, so a response's own `model` field can be priced.
const byApiId = new Map<string, ModelPrice>();
for (const entry of Object.values(models)) {
  byApiId.set(entry.id, entry);
  for (const apiId of entry.apiIds ?? []) byApiId.set(apiId, entry);
}

const DATE_SUFFIX = /-(\d{8}|\d{4}-\d{2}-\d{2})$/;

function findById(id: string): ModelPrice | undefined {
  return byApiId.get(id) ?? byApiId.get(id.replace(DATE_SUFFIX, ""));
}

function unknownModel(model: unknown, field: string): CostInputError {
  const near = typeof model === "string" ? closest(model, modelIds) : [];
  const guess =
    near.length > 0
      ? `Did you mean ${near.map((id) => `"${id}"`).join(" or ")}? `
      : "";
  return new CostInputError(
    field,
    model,
    "a model id from `models` or a price entry",
    `${guess}Known ids: ${modelIds.join(", ")}`,
  );
}

/**
 * The price entry for a model id (Crux's id such as "claude-sonnet-4.5",
 * or the provider's own API name such as "claude-sonnet-4-5-20250929"),
 * or the entry itself after checking its fields. Throws CostInputError
 * for an unknown id, listing the closest known ones.
 */
export function getModel(model: ModelRef, field = "model"): ModelPrice {
  if (typeof model === "string") {
    const entry = findById(model);
    if (entry === undefined) throw unknownModel(model, field);
    return entry;
  }
  if (typeof model !== "object" || model === null) {
    throw unknownModel(model, field);
  }
  pricedModel(model, field);
  return model;
}

/**
 * Per-token prices of a checked entry in nano-dollars: the long-context
 * rates when `long` is true and the model has them, else the base rates.
 */
export function ratesNanos(
  model: ModelPrice,
  long: boolean,
  field = "model",
): RatesNanos {
  const priced = pricedModel(model, field);
  return long && priced.long ? priced.long : priced.base;
}

function pricedModel(model: ModelPrice, field: string): PricedModel {
  const known = checked.get(model);
  if (known) return known;
  const priced = checkEntry(model, field);
  const tier = model.longContext;
  const frozen =
    Object.isFrozen(model) && (tier === undefined || Object.isFrozen(tier));
  if (frozen) checked.set(model, priced);
  return priced;
}

/**
 * Whether a request whose prompt is `promptTokens` long (uncached,
 * cache-write and cache-read tokens together) is billed at the model's
 * long-context rates.
 */
export function isLongContext(
  model: ModelPrice,
  promptTokens: number,
): boolean {
  const tier = model.longContext;
  return tier !== undefined && promptTokens > tier.threshold;
}

/**
 * The rates, in USD per million tokens as printed, that apply to a request
 * at the long-context tier (`long` true) or below it.
 */
export function ratesOf(model: ModelPrice, long: boolean): Rates {
  return long && model.longContext ? model.longContext : model;
}
