// What the pricing sliders show, computed from the cost module: one
// request's bill term by term, then the same bill per day and per month.

import {
  costBreakdown,
  CostInputError,
  formatTokens,
  formatUsd,
  getModel,
  modelIds,
  scaleNanos,
  type CostBreakdown,
  type CostTermName,
  type ModelPrice,
  type Nanos,
} from "cost";
import type { SandboxValue } from "../../../src/notebook/store";
import { objectExport } from "../shared/snippetExports";
import type { Schema, ValuesOf } from "../shared/scenario";

/** The pricing sliders' scenario: one request's shape and the volume. */
export const pricingSchema = {
  model: {
    kind: "choice",
    label: "model",
    options: modelIds,
    fallback: "claude-sonnet-4.5",
  },
  inputTokens: {
    kind: "number",
    label: "input tokens per request",
    min: 0,
    max: 1_000_000,
    whole: true,
    fallback: 9_350,
    unit: "tokens",
  },
  outputTokens: {
    kind: "number",
    label: "output tokens per request",
    min: 0,
    max: 200_000,
    whole: true,
    fallback: 200,
    unit: "tokens",
  },
  cacheWriteTokens: {
    kind: "number",
    label: "cache-write tokens per request",
    min: 0,
    max: 1_000_000,
    whole: true,
    fallback: 0,
    unit: "tokens",
  },
  ttl: { kind: "choice", label: "cache lifetime", options: ["5m", "1h"], fallback: "5m" },
  cacheReadTokens: {
    kind: "number",
    label: "cache-read tokens per request",
    min: 0,
    max: 1_000_000,
    whole: true,
    fallback: 0,
    unit: "tokens",
  },
  requestsPerDay: {
    kind: "number",
    label: "requests per day",
    min: 0,
    max: 10_000_000,
    whole: true,
    fallback: 100,
    unit: "requests",
  },
} as const satisfies Schema;

export type PricingValues = ValuesOf<typeof pricingSchema>;

/** A month, for the monthly figure: 30 days. */
export const DAYS_PER_MONTH = 30;

/** One line of the bill: a term per request, per day and per month. */
export interface TermRow {
  term: CostTermName;
  /** "Input", "Cache write (5 min)", ... */
  label: string;
  tokensPerRequest: number;
  tokensPerDay: number;
  /** USD per million tokens, as the price table prints it. */
  pricePerMillion: number;
  /** The term's cost for one request: costBreakdown's, unscaled. */
  costPerRequestNanos: Nanos;
  costPerDayNanos: Nanos;
  /** Per day times DAYS_PER_MONTH. */
  costPerMonthNanos: Nanos;
  /** This term's share of the bill, 0 to 1 (0 when the bill is 0). */
  share: number;
}

/** Everything the widget shows for one scenario. */
export interface PricingFigures {
  perRequest: CostBreakdown;
  perDayNanos: Nanos;
  perMonthNanos: Nanos;
  rows: TermRow[];
  /** The sentence comparing the largest cost with the dearest rate. */
  headline: string;
}

const TERM_LABELS: Record<CostTermName, string> = {
  input: "Input",
  cacheWrite5m: "Cache write (5 min)",
  cacheWrite1h: "Cache write (1 h)",
  cacheRead: "Cache read",
  output: "Output",
};

/** The scenario as the usage of one request, in the module's own shape. */
export function usageOf(values: PricingValues) {
  const write = values.cacheWriteTokens;
  return {
    inputTokens: values.inputTokens,
    outputTokens: values.outputTokens,
    cacheWrite5mTokens: values.ttl === "5m" ? write : 0,
    cacheWrite1hTokens: values.ttl === "1h" ? write : 0,
    cacheReadTokens: values.cacheReadTokens,
  };
}

/** The bill's lines: every term but the cache write of the other lifetime. */
function termRows(values: PricingValues, perRequest: CostBreakdown): TermRow[] {
  const unused: CostTermName = values.ttl === "5m" ? "cacheWrite1h" : "cacheWrite5m";
  const order: CostTermName[] = ["input", "cacheWrite5m", "cacheWrite1h", "cacheRead", "output"];
  const total = Number(perRequest.costNanos);
  return order
    .filter((term) => term !== unused)
    .map((term) => {
      const line = perRequest.terms[term];
      const perDay = scaleNanos(line.costNanos, values.requestsPerDay);
      return {
        term,
        label: TERM_LABELS[term],
        tokensPerRequest: line.tokens,
        tokensPerDay: line.tokens * values.requestsPerDay,
        pricePerMillion: line.pricePerMillion,
        costPerRequestNanos: line.costNanos,
        costPerDayNanos: perDay,
        costPerMonthNanos: scaleNanos(perDay, DAYS_PER_MONTH),
        share: total === 0 ? 0 : Number(line.costNanos) / total,
      };
    });
}

/**
 * The sentence the widget leads with: which term costs most, and whether
 * that is the term with the dearest rate (it often is not: volume beats
 * rate).
 */
export function headlineOf(rows: readonly TermRow[]): string {
  const billed = rows.filter((row) => row.tokensPerDay > 0);
  if (billed.length === 0) return "No tokens, no bill: set a few tokens and requests.";
  const largest = billed.reduce((a, b) => (b.costPerDayNanos > a.costPerDayNanos ? b : a));
  const dearest = billed.reduce((a, b) => (b.pricePerMillion > a.pricePerMillion ? b : a));
  const say = (row: TermRow) =>
    `${formatTokens(row.tokensPerDay)} ${row.label.toLowerCase()} tokens a day at ` +
    `${formatUsd(row.pricePerMillion)} per million cost ${formatUsd(row.costPerDayNanos)}`;

  if (largest === dearest || largest.costPerDayNanos === dearest.costPerDayNanos) {
    return `${say(largest)}: the dearest rate is also the largest cost.`;
  }
  return `${say(largest)}, more than ${say(dearest)}: volume beats rate.`;
}

/** The bill for one scenario, per request, per day and per 30-day month. */
export function pricingFigures(values: PricingValues, price: ModelPrice): PricingFigures {
  const perRequest = costBreakdown(usageOf(values), price);
  const perDayNanos = scaleNanos(perRequest.costNanos, values.requestsPerDay);
  const rows = termRows(values, perRequest);
  return {
    perRequest,
    perDayNanos,
    perMonthNanos: scaleNanos(perDayNanos, DAYS_PER_MONTH),
    rows,
    headline: headlineOf(rows),
  };
}

/** What a pricing snippet's exports hold for the widget. */
export interface PricingExports {
  /** Scenario values to check and apply (keys of pricingSchema). */
  raw: Record<string, unknown>;
  /** A price entry the cost module accepted, if the snippet exported one. */
  price: ModelPrice | null;
  /** Why an export was left out. */
  notes: string[];
}

/**
 * Reads a snippet's exports: `scenario` (an object with the widget's keys)
 * and `price` (a price entry, such as a table entry with a negotiated
 * rate). The cost module checks the price; a rejected one is left out
 * with the module's own message.
 */
export function pricingFromExports(exports: Record<string, SandboxValue>): PricingExports {
  const notes: string[] = [];
  const scenario = objectExport(exports.scenario);
  if (exports.scenario !== undefined && !scenario) {
    notes.push("Your snippet's `scenario` export is not an object; it is left out.");
  }

  let price: ModelPrice | null = null;
  if (exports.price !== undefined) {
    try {
      price = getModel(exports.price as unknown as ModelPrice, "price");
    } catch (error) {
      if (!(error instanceof CostInputError)) throw error;
      notes.push(`Your snippet's price is left out: ${error.message.replace(/\.$/, "")}.`);
    }
  }
  return { raw: scenario ?? {}, price, notes };
}
