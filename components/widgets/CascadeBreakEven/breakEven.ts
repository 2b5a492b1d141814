// What the cascade break-even chart shows, from the cost module: the cost
// per job against the escalation rate, the strong-only line, the
// break-even rate, and the rate past which escalation is a quality alarm.

import {
  cascadeBreakEven,
  cascadeCostNanos,
  cheapCostNanos,
  formatPercent,
  formatUsd,
  modelIds,
  models,
  strongCostNanos,
  usdFromNanos,
  type CascadeOptions,
  type Nanos,
} from "cost";
import type { SandboxValue } from "../../../src/notebook/store";
import type { Schema, ValuesOf } from "../shared/scenario";

export const cascadeSchema = {
  cheap: {
    kind: "choice",
    label: "cheap model",
    options: modelIds,
    fallback: "claude-haiku-4.5",
  },
  strong: {
    kind: "choice",
    label: "strong model",
    options: modelIds,
    fallback: "claude-sonnet-4.5",
  },
  inputTokens: {
    kind: "number",
    label: "input tokens per job",
    min: 0,
    max: 1_000_000,
    whole: true,
    fallback: 3_000,
    unit: "tokens",
  },
  outputTokens: {
    kind: "number",
    label: "output tokens per job",
    min: 0,
    max: 100_000,
    whole: true,
    fallback: 600,
    unit: "tokens",
  },
  escalationPercent: {
    kind: "number",
    label: "escalation rate",
    min: 0,
    max: 100,
    whole: false,
    fallback: 10,
    unit: "%",
  },
  alarmPercent: {
    kind: "number",
    label: "quality alarm",
    min: 1,
    max: 100,
    whole: false,
    fallback: 15,
    unit: "%",
  },
} as const satisfies Schema;

export type CascadeValues = ValuesOf<typeof cascadeSchema>;

/** Escalation rates the chart samples, 0 to 1 in steps of 5%. */
export const SAMPLE_RATES: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);

/** One point of a cost-per-job line. */
export interface RatePoint {
  /** Escalation rate, 0 to 1. */
  rate: number;
  usd: number;
}

/** Everything the widget shows for one scenario. */
export interface CascadeFigures {
  cheapNanos: Nanos;
  strongNanos: Nanos;
  /** The cascade's expected cost per job at the chosen rate. */
  cascadeNanos: Nanos;
  /** The rate at which the cascade costs as much as strong-only, 0 to 1. */
  breakEven: number;
  /** The cascade line, sampled by the cost module. */
  points: RatePoint[];
  summary: string;
}

/** The scenario as the cost module's cascade options. */
export function cascadeOptionsOf(values: CascadeValues): CascadeOptions {
  const { cheap, strong, inputTokens, outputTokens } = values;
  return { cheap, strong, inputTokens, outputTokens };
}

/** A percentage as the fraction the cost module takes: 12.5 → 0.125. */
export function fractionOfPercent(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

const oneIn = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function summaryOf(values: CascadeValues, figures: Omit<CascadeFigures, "summary">): string {
  const rate = fractionOfPercent(values.escalationPercent);
  const alarm = fractionOfPercent(values.alarmPercent);
  const { cheapNanos, strongNanos, cascadeNanos, breakEven } = figures;
  const cheapLabel = models[values.cheap].label;
  if (cheapNanos >= strongNanos) {
    return (
      `${cheapLabel} costs as much per job as ${models[values.strong].label} or more: ` +
      `a cascade never saves money here.`
    );
  }

  const compare =
    cascadeNanos <= strongNanos
      ? `${formatPercent(1 - Number(cascadeNanos) / Number(strongNanos))} less than`
      : `more than`;
  const lead =
    `At ${formatPercent(rate)} escalation a job costs ${formatUsd(cascadeNanos)} on the ` +
    `cascade, ${compare} ${formatUsd(strongNanos)} on the strong model alone.`;
  const range = ` The cascade stays cheaper up to ${formatPercent(breakEven)} escalation`;
  if (alarm >= breakEven) return `${lead}${range}.`;
  const alarmWords =
    `, but past ${formatPercent(alarm)} it is a quality alarm: the cheap model fails ` +
    `more than one job in ${oneIn.format(1 / alarm)}, long before the cost catches up.`;
  const now = rate > alarm ? " You are past the alarm." : "";
  return lead + range + alarmWords + now;
}

/** Everything the widget shows for one scenario. */
export function cascadeFigures(values: CascadeValues): CascadeFigures {
  const options = cascadeOptionsOf(values);
  const rate = fractionOfPercent(values.escalationPercent);
  const figures = {
    cheapNanos: cheapCostNanos(options),
    strongNanos: strongCostNanos(options),
    cascadeNanos: cascadeCostNanos(rate, options),
    breakEven: cascadeBreakEven(options),
    points: SAMPLE_RATES.map((sample) => ({
      rate: sample,
      usd: usdFromNanos(cascadeCostNanos(sample, options)),
    })),
  };
  return { ...figures, summary: summaryOf(values, figures) };
}

/**
 * The probe run in the sandbox after each run of a cascade snippet: it
 * calls the reader's exported `costPerJob(rate)` at each rate of `input`
 * and returns what came back, or null when there is no such function.
 */
export const COST_PER_JOB_PROBE = `(exports, cost, input) => {
  if (typeof exports.costPerJob !== "function") return null;
  return input.rates.map((rate) => {
    try {
      const usd = exports.costPerJob(rate);
      return typeof usd === "number" ? usd : String(usd);
    } catch (error) {
      return "threw " + (error && error.message ? error.message : String(error));
    }
  });
}`;

/** The reader's line, and a note for each sample left out. */
export interface ReaderLine {
  points: RatePoint[];
  notes: string[];
}

/**
 * Checks what the probe brought back: one value per sampled rate, each a
 * finite number of USD ≥ 0. Other values are left out, with a note.
 */
export function readerLineOf(
  probe: SandboxValue | undefined,
  rates: readonly number[],
): ReaderLine | null {
  if (probe === null || probe === undefined) return null;
  if (!Array.isArray(probe)) {
    return { points: [], notes: ["Your costPerJob could not be sampled; it is left out."] };
  }
  const points: RatePoint[] = [];
  const refused: string[] = [];
  rates.forEach((rate, index) => {
    const usd = probe[index];
    if (typeof usd === "number" && Number.isFinite(usd) && usd >= 0) {
      points.push({ rate, usd });
    } else {
      const shown = typeof usd === "string" ? usd : (JSON.stringify(usd) ?? "undefined");
      refused.push(`costPerJob(${rate}) returned ${shown}`);
    }
  });
  const [first] = refused;
  const more = refused.length - 1;
  const others = more > 0 ? ` (and at ${more} other ${more === 1 ? "rate" : "rates"})` : "";
  const notes = first
    ? [`Your ${first}${others}: not a number of US dollars ≥ 0, so left out of the chart.`]
    : [];
  return { points, notes };
}
