// What the session growth chart shows, from the cost module's sessionCost:
// each turn's prompt in parts, the running cost, and the sentences that
// name the quadratic shape and the re-sent prefix's share.

import {
  formatPercent,
  formatTokens,
  formatUsd,
  MAX_SESSION_TURNS,
  modelIds,
  sessionCost,
  type SessionCost,
} from "cost";
import type { Schema, ValuesOf } from "../shared/scenario";

export const sessionSchema = {
  model: {
    kind: "choice",
    label: "model",
    options: modelIds,
    fallback: "claude-sonnet-4.5",
  },
  turns: {
    kind: "number",
    label: "number of turns",
    min: 1,
    max: 200,
    whole: true,
    fallback: 30,
    unit: "turns",
  },
  prefixTokens: {
    kind: "number",
    label: "prefix",
    min: 0,
    max: 200_000,
    whole: true,
    fallback: 5_000,
    unit: "tokens",
  },
  growthTokensPerTurn: {
    kind: "number",
    label: "growth per turn",
    min: 0,
    max: 20_000,
    whole: true,
    fallback: 1_000,
    unit: "tokens",
  },
  outputTokensPerTurn: {
    kind: "number",
    label: "output per turn",
    min: 0,
    max: 8_000,
    whole: true,
    fallback: 400,
    unit: "tokens",
  },
  cache: {
    kind: "choice",
    label: "caching",
    options: ["none", "prefix", "conversation"],
    fallback: "none",
  },
} as const satisfies Schema;

export type SessionValues = ValuesOf<typeof sessionSchema>;

/** The session's cost and the sentences that explain it. */
export interface SessionFigures {
  session: SessionCost;
  /** The prefix's share of every prompt token sent, 0 to 1. */
  prefixShare: number;
  /** How many times the cost grows when the session is twice as long. */
  doublingFactor: number | null;
  summary: string;
  quadratic: string;
  /** The last turn's prompt over turn 1's, or null for one turn or none. */
  promptGrowth: number | null;
  /** The chart's label at the last bar: "Turn 30: 6.8× turn 1". */
  growthLabel: string;
  /** The chart's label at the prefix band: "Prefix: 27% of prompt tokens". */
  prefixLabel: string;
}

const ratio = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** The session for these values, priced by the cost module. */
export function sessionOf(values: SessionValues, turns = values.turns): SessionCost {
  return sessionCost({
    model: values.model,
    turns,
    prefixTokens: values.prefixTokens,
    growthTokensPerTurn: values.growthTokensPerTurn,
    outputTokensPerTurn: values.outputTokensPerTurn,
    cache: values.cache,
  });
}

/** Cost of `a` over cost of `b`, or null when `b` cost nothing. */
function costRatio(a: SessionCost | { costNanos: bigint }, b: { costNanos: bigint }) {
  return b.costNanos === 0n ? null : Number(a.costNanos) / Number(b.costNanos);
}

/** The summary: totals, the prefix's share, the last turn against the first. */
function summaryOf(values: SessionValues, session: SessionCost, prefixShare: number): string {
  const first = session.turns[0];
  const last = session.turns[session.turns.length - 1];
  const [turns, cost] = values.turns === 1 ? ["turn sends", "costs"] : ["turns send", "cost"];
  const sent =
    `${formatTokens(values.turns)} ${turns} ${formatTokens(session.promptTokens)} ` +
    `prompt tokens and ${cost} ${formatUsd(session.costNanos)}.`;
  const prefix =
    ` The ${formatTokens(values.prefixTokens)}-token prefix, re-sent every turn, is ` +
    `${formatPercent(prefixShare)} of the prompt tokens.`;
  const growth =
    first && last && session.turns.length > 1 && first.costNanos > 0n
      ? ` Turn ${last.turn} costs ${formatUsd(last.costNanos)}, ` +
        `${ratio.format(Number(last.costNanos) / Number(first.costNanos))}× turn 1.`
      : "";
  const cached =
    session.cache === "none"
      ? ""
      : ` ${formatTokens(session.cacheReadTokens)} tokens are read from the cache and ` +
        `${formatTokens(session.cacheWriteTokens)} written to it.`;
  return sent + prefix + growth + cached;
}

/** The sentence naming the shape: what twice the turns costs. */
function quadraticOf(values: SessionValues, factor: number | null): string {
  if (factor === null) return "";
  const shape =
    factor > 2.05
      ? "the bill grows faster than the session: every turn re-sends all the turns before it."
      : "the bill grows in step with the session: no history is re-sent.";
  return `Twice the turns (${formatTokens(values.turns * 2)}) cost ${ratio.format(factor)}× as much: ${shape}`;
}

/** Everything the widget shows for one scenario. */
export function sessionFigures(values: SessionValues): SessionFigures {
  const session = sessionOf(values);
  const prefixShare =
    session.promptTokens === 0 ? 0 : (values.prefixTokens * values.turns) / session.promptTokens;
  const doubled =
    values.turns * 2 <= MAX_SESSION_TURNS ? sessionOf(values, values.turns * 2) : null;
  const doublingFactor = doubled ? costRatio(doubled, session) : null;
  const promptGrowth = promptGrowthOf(session);
  return {
    session,
    prefixShare,
    doublingFactor,
    summary: summaryOf(values, session, prefixShare),
    quadratic: quadraticOf(values, doublingFactor),
    promptGrowth,
    growthLabel:
      promptGrowth === null
        ? ""
        : `Turn ${session.turns.length}: ${ratio.format(promptGrowth)}× turn 1`,
    prefixLabel: `Prefix: ${formatPercent(prefixShare)} of prompt tokens`,
  };
}

/** How many times turn 1's prompt the last turn sends. */
function promptGrowthOf(session: SessionCost): number | null {
  const first = session.turns[0];
  const last = session.turns.at(-1);
  if (!first || !last || session.turns.length < 2 || first.promptTokens === 0) return null;
  return last.promptTokens / first.promptTokens;
}
