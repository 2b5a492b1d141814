// Model cascades: a cheap model answers every job and a fraction of them
// (the escalation rate) is sent on to a strong model. The cheap call is
// always paid; the cascade wins while the escalation rate stays below the
// break-even point.

import {
  checkFraction,
  checkKnownKeys,
  checkObject,
  checkTokens,
} from "./errors";
import { costBreakdown } from "./costOf";
import { getModel, type ModelRef } from "./models";
import { scaleNanos, usdFromNanos, type Nanos } from "./money";

/** One job's shape and the two models of the cascade. */
export interface CascadeOptions {
  /** The model every job goes to first. */
  readonly cheap: ModelRef;
  /** The model an escalated job goes to next. */
  readonly strong: ModelRef;
  /** Prompt tokens of one job (uncached), sent to each model it visits. */
  readonly inputTokens: number;
  /** Output tokens one job generates on each model it visits. */
  readonly outputTokens: number;
}

const OPTION_NAMES = ["cheap", "strong", "inputTokens", "outputTokens"];

// No model reads or writes this much in one job; the bound keeps one job's
// cost far below 2^53 nano-dollars at any listed price.
const MAX_JOB_TOKENS = 10_000_000; // 10M tokens

function jobNanos(options: CascadeOptions, which: "cheap" | "strong"): Nanos {
  const fields = checkObject(
    options,
    "options",
    "an options object such as { cheap, strong, inputTokens, outputTokens }",
  );
  checkKnownKeys(fields, "options", OPTION_NAMES);
  const model = getModel(fields[which] as ModelRef, `options.${which}`);
  const tokens = (name: string): number =>
    checkTokens(fields[name], `options.${name}`, MAX_JOB_TOKENS);
  const usage = {
    inputTokens: tokens("inputTokens"),
    outputTokens: tokens("outputTokens"),
  };
  return costBreakdown(usage, model).costNanos;
}

/** Nano-dollars for one job on the cheap model alone. */
export function cheapCostNanos(options: CascadeOptions): Nanos {
  return jobNanos(options, "cheap");
}

/** Nano-dollars for one job on the strong model alone. */
export function strongCostNanos(options: CascadeOptions): Nanos {
  return jobNanos(options, "strong");
}

/** USD for one job on the cheap model alone. */
export function cheapCost(options: CascadeOptions): number {
  return usdFromNanos(cheapCostNanos(options));
}

/** USD for one job on the strong model alone. */
export function strongCost(options: CascadeOptions): number {
  return usdFromNanos(strongCostNanos(options));
}

/**
 * Expected nano-dollars per job when the cheap model always runs and a
 * fraction `escalationRate` (0 to 1) of jobs also runs on the strong
 * model: cheap + escalationRate × strong, rounded half away from zero to
 * the nearest nano-dollar.
 */
export function cascadeCostNanos(
  escalationRate: number,
  options: CascadeOptions,
): Nanos {
  const rate = checkFraction(escalationRate, "escalationRate");
  return cheapCostNanos(options) + scaleNanos(strongCostNanos(options), rate);
}

/**
 * Expected USD per job when the cheap model always runs and a fraction
 * `escalationRate` (0 to 1) of jobs also runs on the strong model:
 * cheap + escalationRate × strong, to the nearest nano-dollar.
 */
export function cascadeCost(
  escalationRate: number,
  options: CascadeOptions,
): number {
  return usdFromNanos(cascadeCostNanos(escalationRate, options));
}

/**
 * The escalation rate (0 to 1) at which the cascade costs the same per job
 * as sending every job to the strong model: 1 − cheap / strong. Below it
 * the cascade is cheaper. When the cheap model costs as much as the
 * strong one or more (or the job costs nothing), no rate makes the
 * cascade cheaper and the result is 0.
 */
export function cascadeBreakEven(options: CascadeOptions): number {
  const cheap = cheapCostNanos(options);
  const strong = strongCostNanos(options);
  if (cheap >= strong) return 0;

  // Both are one job's cost, below 2^53 nanos (about $9 million), so each
  // converts to a double exactly and the division rounds once.
  return Number(strong - cheap) / Number(strong);
}
