// What the cache savings widget shows, from the cost module: a stable
// prefix sent on N turns without and with caching, both write lifetimes,
// and what happens under the model's minimum cacheable length.

import {
  cacheSavings,
  costBreakdown,
  formatPercent,
  formatTokens,
  formatUsd,
  modelIds,
  models,
  prefixCostNanos,
  type CacheSavings,
  type CacheTtl,
  type Nanos,
} from "cost";
import type { Schema, ValuesOf } from "../shared/scenario";

export const cacheSchema = {
  model: {
    kind: "choice",
    label: "model",
    options: modelIds,
    fallback: "claude-sonnet-4.5",
  },
  prefixTokens: {
    kind: "number",
    label: "prefix",
    min: 0,
    max: 200_000,
    whole: true,
    fallback: 20_000,
    unit: "tokens",
  },
  turns: {
    kind: "number",
    label: "number of turns",
    min: 1,
    max: 100,
    whole: true,
    fallback: 10,
    unit: "turns",
  },
  ttl: { kind: "choice", label: "cache lifetime", options: ["5m", "1h"], fallback: "5m" },
} as const satisfies Schema;

export type CacheValues = ValuesOf<typeof cacheSchema>;

/** Sending the prefix once, each way it can be billed. */
export interface PrefixPrices {
  input: Nanos;
  write5m: Nanos;
  write1h: Nanos;
  read: Nanos;
}

/** One point of the chart: the prefix's cost up to and including `turn`. */
export interface SavingsPoint {
  turn: number;
  uncachedNanos: Nanos;
  cachedNanos: Nanos;
}

/** Everything the widget shows for one scenario. */
export interface CacheFigures {
  savings: CacheSavings;
  /** The same scenario with each write lifetime, for the comparison. */
  byTtl: Record<CacheTtl, CacheSavings>;
  prices: PrefixPrices;
  points: SavingsPoint[];
  minCacheableTokens: number;
  summary: string;
  /** Empty unless the prefix is too short to cache. */
  minimumNote: string;
}

const TTL_WORDS: Record<CacheTtl, string> = { "5m": "5-minute", "1h": "1-hour" };

function pricesOf(values: CacheValues): PrefixPrices {
  const tokens = values.prefixTokens;
  const once = (usage: object): Nanos => costBreakdown(usage, values.model).costNanos;
  return {
    input: once({ inputTokens: tokens }),
    write5m: once({ cacheWrite5mTokens: tokens }),
    write1h: once({ cacheWrite1hTokens: tokens }),
    read: once({ cacheReadTokens: tokens }),
  };
}

function savingsOf(values: CacheValues, ttl: CacheTtl): CacheSavings {
  const { model, prefixTokens, turns } = values;
  return cacheSavings({ model, prefixTokens, turns, ttl });
}

function pointsOf(values: CacheValues): SavingsPoint[] {
  const options = { model: values.model, prefixTokens: values.prefixTokens, ttl: values.ttl };
  return Array.from({ length: values.turns }, (_, index) => ({
    turn: index + 1,
    uncachedNanos: prefixCostNanos(index + 1, false, options),
    cachedNanos: prefixCostNanos(index + 1, true, options),
  }));
}

/** Where caching starts to win, in words. */
export function breakEvenWords(savings: CacheSavings, turns: number): string {
  const turn = savings.breakEvenTurn;
  if (turn === null) return "Caching never wins here.";
  if (turn <= 1) return "Caching wins from the first turn.";
  const these = turns === 1 ? "this one turn" : `these ${formatTokens(turns)} turns`;
  const beyond = turn > turns ? `, beyond ${these}` : "";
  return `Caching wins from turn ${turn}${beyond}.`;
}

function summaryOf(values: CacheValues, savings: CacheSavings): string {
  const lead =
    `Over ${formatTokens(values.turns)} ${values.turns === 1 ? "turn" : "turns"} the ` +
    `${formatTokens(values.prefixTokens)}-token ` +
    `prefix costs ${formatUsd(savings.uncachedNanos)} uncached and ` +
    `${formatUsd(savings.cachedNanos)} with a ${TTL_WORDS[values.ttl]} cache`;
  if (!savings.cacheable) return `${lead}: nothing is cached.`;
  const outcome =
    savings.savedNanos >= 0n
      ? `saving ${formatUsd(savings.savedNanos)} (${formatPercent(savings.fraction)})`
      : `losing ${formatUsd(-savings.savedNanos)} to the write premium`;
  return `${lead}, ${outcome}. ${breakEvenWords(savings, values.turns)}`;
}

function minimumNoteOf(values: CacheValues, savings: CacheSavings): string {
  if (savings.cacheable || values.prefixTokens === 0) return "";
  const model = models[values.model];
  return (
    `${model.label} caches prefixes of ${formatTokens(model.minCacheableTokens)} tokens or ` +
    `more. A ${formatTokens(values.prefixTokens)}-token prefix is below that: the cache ` +
    `breakpoint is ignored, nothing is written or read, and every turn pays the full input price.`
  );
}

/** Everything the widget shows for one scenario. */
export function cacheFigures(values: CacheValues): CacheFigures {
  const byTtl = { "5m": savingsOf(values, "5m"), "1h": savingsOf(values, "1h") };
  const savings = byTtl[values.ttl];
  return {
    savings,
    byTtl,
    prices: pricesOf(values),
    points: pointsOf(values),
    minCacheableTokens: models[values.model].minCacheableTokens,
    summary: summaryOf(values, savings),
    minimumNote: minimumNoteOf(values, savings),
  };
}
