// Prompt caching of a stable prefix. Uncached, every turn pays the input
// rate for the prefix. Cached, the first turn pays a premium to write it
// and every later turn reads it at a fraction of the input rate.

import {
  checkKnownKeys,
  checkObject,
  checkOneOf,
  checkTokens,
  checkWhole,
  CostInputError,
} from "./errors";
import { costBreakdown, type NormalizedUsage } from "./costOf";
import {
  getModel,
  type CacheTtl,
  type ModelPrice,
  type ModelRef,
} from "./models";
import { usdFromNanos, type Nanos } from "./money";

/** The prefix being cached and where. */
export interface PrefixOptions {
  /** Tokens of the stable prefix sent on every turn. */
  readonly prefixTokens: number;
  /** A model id from `models`, or a price entry. */
  readonly model: ModelRef;
  /** Cache lifetime, which sets the write price; default `"5m"`. */
  readonly ttl?: CacheTtl;
}

/** A prefix sent on a number of turns. */
export interface CacheSavingsOptions extends PrefixOptions {
  /** Turns that send the prefix, at least 1. */
  readonly turns: number;
}

/** The prefix's cost over the turns, without and with caching. */
export interface CacheSavings {
  /** USD to send the prefix uncached on every turn. */
  readonly uncached: number;
  /** USD with caching: one write, then a read on every later turn. */
  readonly cached: number;
  /** USD saved by caching: uncached − cached. */
  readonly saved: number;
  /**
   * The share of the uncached cost saved: below 1, negative when caching
   * costs more (a single turn pays the write premium), 0 when nothing is
   * spent.
   */
  readonly fraction: number;
  /**
   * The first number of turns at which caching costs less than not
   * caching, or null when it never does (a prefix too short to cache).
   */
  readonly breakEvenTurn: number | null;
  /** Whether the prefix is long enough for the model to cache. */
  readonly cacheable: boolean;
  readonly uncachedNanos: Nanos;
  readonly cachedNanos: Nanos;
  readonly savedNanos: Nanos;
}

const TTLS: readonly CacheTtl[] = ["5m", "1h"];
const PREFIX_OPTIONS = ["prefixTokens", "model", "ttl"];

interface Prefix {
  readonly tokens: number;
  readonly model: ModelPrice;
  readonly ttl: CacheTtl;
}

function checkPrefix(options: PrefixOptions, known: readonly string[]): Prefix {
  const fields = checkObject(
    options,
    "options",
    "an options object such as { prefixTokens, model, ttl }",
  );
  checkKnownKeys(fields, "options", known);
  return {
    tokens: checkTokens(fields.prefixTokens, "options.prefixTokens"),
    model: getModel(fields.model as ModelRef, "options.model"),
    ttl: checkOneOf(fields.ttl ?? "5m", "options.ttl", TTLS),
  };
}

function checkTurns(turns: unknown, field: string): number {
  return checkWhole(turns, field, {
    unit: "turns",
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
  });
}

function isCacheable(prefix: Prefix): boolean {
  return prefix.tokens > 0 && prefix.tokens >= prefix.model.minCacheableTokens;
}

// The long-context tier is chosen by the prefix alone: these functions
// price the prefix, not the rest of each request.
function priceOnce(prefix: Prefix, usage: Partial<NormalizedUsage>): Nanos {
  return costBreakdown(usage, prefix.model).costNanos;
}

interface PrefixPrices {
  readonly input: Nanos;
  readonly write: Nanos;
  readonly read: Nanos;
}

/** What sending the prefix once costs as input, as a write, as a read. */
function pricesOf(prefix: Prefix): PrefixPrices {
  const tokens = prefix.tokens;
  const writeKey =
    prefix.ttl === "5m" ? "cacheWrite5mTokens" : "cacheWrite1hTokens";
  return {
    input: priceOnce(prefix, { inputTokens: tokens }),
    write: priceOnce(prefix, { [writeKey]: tokens }),
    read: priceOnce(prefix, { cacheReadTokens: tokens }),
  };
}

function totalNanos(prefix: Prefix, turns: number, cached: boolean): Nanos {
  const prices = pricesOf(prefix);
  const count = BigInt(turns);
  if (!cached || !isCacheable(prefix)) return prices.input * count;
  return prices.write + prices.read * (count - 1n);
}

/**
 * Nano-dollars to send a stable prefix on `turns` turns: uncached, the
 * input rate every turn; cached, one cache write (at the `ttl` price) and
 * then a read on each later turn. A prefix shorter than the model's
 * minCacheableTokens is not cached, so both ways cost the same.
 */
export function prefixCostNanos(
  turns: number,
  cached: boolean,
  options: PrefixOptions,
): Nanos {
  const prefix = checkPrefix(options, PREFIX_OPTIONS);
  if (typeof cached !== "boolean") {
    throw new CostInputError("cached", cached, "true or false");
  }
  return totalNanos(prefix, checkTurns(turns, "turns"), cached);
}

/**
 * USD to send a stable prefix on `turns` turns: uncached, the input rate
 * every turn; cached, one cache write (at the `ttl` price) and then a read
 * on each later turn. A prefix shorter than the model's minCacheableTokens
 * is not cached, so both ways cost the same.
 */
export function prefixCost(
  turns: number,
  cached: boolean,
  options: PrefixOptions,
): number {
  return usdFromNanos(prefixCostNanos(turns, cached, options));
}

// Caching wins at N turns when write + (N − 1) × read < N × input, that is
// when N × (input − read) > write − read.
function breakEvenTurn(prefix: Prefix): number | null {
  if (!isCacheable(prefix)) return null;
  const { input, write, read } = pricesOf(prefix);
  if (input <= read) return null;
  const excess = write - read;
  if (excess < 0n) return 1;
  return Number(excess / (input - read)) + 1;
}

/**
 * What caching a stable prefix saves over `turns` turns: the uncached and
 * cached costs (USD, with nano-dollar twins), the USD saved, the fraction
 * of the uncached cost saved, and the first turn count at which caching
 * costs less.
 */
export function cacheSavings(options: CacheSavingsOptions): CacheSavings {
  const prefix = checkPrefix(options, [...PREFIX_OPTIONS, "turns"]);
  const turns = checkTurns(options.turns, "options.turns");
  const uncachedNanos = totalNanos(prefix, turns, false);
  const cachedNanos = totalNanos(prefix, turns, true);
  const savedNanos = uncachedNanos - cachedNanos;

  return {
    uncached: usdFromNanos(uncachedNanos),
    cached: usdFromNanos(cachedNanos),
    saved: usdFromNanos(savedNanos),
    fraction:
      uncachedNanos === 0n ? 0 : Number(savedNanos) / Number(uncachedNanos),
    breakEvenTurn: breakEvenTurn(prefix),
    cacheable: isCacheable(prefix),
    uncachedNanos,
    cachedNanos,
    savedNanos,
  };
}
