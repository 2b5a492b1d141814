// A chat session turn by turn. Every turn resends the whole conversation,
// so turn t's prompt is the fixed prefix plus t − 1 turns of history, and
// the session's input grows with the square of its length.

import {
  checkKnownKeys,
  checkObject,
  checkOneOf,
  checkTokens,
  checkWhole,
} from "./errors";
import { costBreakdown } from "./costOf";
import {
  getModel,
  type CacheTtl,
  type ModelPrice,
  type ModelRef,
} from "./models";
import { usdFromNanos, type Nanos } from "./money";

/**
 * What a session caches: `"none"`; `"prefix"`, the fixed prefix (written
 * on turn 1, read on every later turn); or `"conversation"`, a breakpoint
 * at the end of each prompt, so each turn reads the previous prompt and
 * writes only what is new.
 */
export type CacheMode = "none" | "prefix" | "conversation";

/** The shape of a session. Token counts are whole numbers. */
export interface SessionOptions {
  /** A model id from `models`, or a price entry. */
  readonly model: ModelRef;
  /** Number of turns, 1 to 10,000. */
  readonly turns: number;
  /** Tokens sent first on every turn: system prompt, tools, documents. */
  readonly prefixTokens: number;
  /** Tokens each turn adds to the history that later turns resend. */
  readonly growthTokensPerTurn: number;
  /** Tokens generated on each turn. */
  readonly outputTokensPerTurn: number;
  /** What is cached; default `"none"`. */
  readonly cache?: CacheMode;
  /** Cache lifetime, which sets the write price; default `"5m"`. */
  readonly ttl?: CacheTtl;
}

/** Token counts of a turn or of a whole session. */
export interface SessionTokens {
  /** Prompt tokens sent: input, cache-write and cache-read together. */
  readonly promptTokens: number;
  /** Prompt tokens billed at the plain input rate. */
  readonly inputTokens: number;
  /** Prompt tokens written to the cache (at the `ttl` write price). */
  readonly cacheWriteTokens: number;
  /** Prompt tokens read from the cache. */
  readonly cacheReadTokens: number;
  readonly outputTokens: number;
  /** Cost in USD. */
  readonly cost: number;
  /** Cost in nano-dollars. */
  readonly costNanos: Nanos;
}

/** One turn of a session. */
export interface TurnCost extends SessionTokens {
  /** Turn number, from 1. */
  readonly turn: number;
  /** The fixed prefix's share of the prompt, in tokens. */
  readonly prefixTokens: number;
  /** The resent history's share of the prompt, in tokens. */
  readonly historyTokens: number;
  /** Whether the prompt passed the long-context threshold. */
  readonly longContext: boolean;
  /** USD spent on turns 1 to this one. */
  readonly cumulativeCost: number;
  /** Nano-dollars spent on turns 1 to this one. */
  readonly cumulativeCostNanos: Nanos;
}

/** A whole session: its turns and their sums. */
export interface SessionCost extends SessionTokens {
  /** The id of the price entry used. */
  readonly model: string;
  readonly cache: CacheMode;
  readonly ttl: CacheTtl;
  readonly turns: readonly TurnCost[];
}

/** The most turns sessionCost simulates. */
export const MAX_SESSION_TURNS = 10_000;

// No model reads prompts this long; the bound keeps every total of a
// 10,000-turn session below 2^53 tokens.
const MAX_SESSION_TOKENS = 10_000_000; // 10M tokens

const OPTION_NAMES = [
  "model",
  "turns",
  "prefixTokens",
  "growthTokensPerTurn",
  "outputTokensPerTurn",
  "cache",
  "ttl",
] as const;

const CACHE_MODES: readonly CacheMode[] = ["none", "prefix", "conversation"];
const TTLS: readonly CacheTtl[] = ["5m", "1h"];

interface Session {
  readonly model: ModelPrice;
  readonly turns: number;
  readonly prefixTokens: number;
  readonly growthTokensPerTurn: number;
  readonly outputTokensPerTurn: number;
  readonly cache: CacheMode;
  readonly ttl: CacheTtl;
}

function checkSession(options: SessionOptions): Session {
  const fields = checkObject(
    options,
    "options",
    "an options object such as { model, turns, prefixTokens, " +
      "growthTokensPerTurn, outputTokensPerTurn }",
  );
  checkKnownKeys(fields, "options", OPTION_NAMES);
  const tokens = (name: string): number =>
    checkTokens(fields[name], `options.${name}`, MAX_SESSION_TOKENS);

  return {
    model: getModel(fields.model as ModelRef, "options.model"),
    turns: checkWhole(fields.turns, "options.turns", {
      unit: "turns",
      min: 1,
      max: MAX_SESSION_TURNS,
    }),
    prefixTokens: tokens("prefixTokens"),
    growthTokensPerTurn: tokens("growthTokensPerTurn"),
    outputTokensPerTurn: tokens("outputTokensPerTurn"),
    cache: checkOneOf(fields.cache ?? "none", "options.cache", CACHE_MODES),
    ttl: checkOneOf(fields.ttl ?? "5m", "options.ttl", TTLS),
  };
}

/** How turn t's prompt splits into input, cache write and cache read. */
interface PromptSplit {
  readonly input: number;
  readonly write: number;
  readonly read: number;
}

/** Prompt tokens sent on turn t (from 1). */
function promptOf(session: Session, turn: number): number {
  return session.prefixTokens + session.growthTokensPerTurn * (turn - 1);
}

// A breakpoint on a prompt shorter than the model's minimum is silently
// ignored by the provider: nothing is written, and nothing can be read.
function splitPrompt(session: Session, turn: number): PromptSplit {
  const prompt = promptOf(session, turn);
  const cacheable = (tokens: number): boolean =>
    tokens > 0 && tokens >= session.model.minCacheableTokens;

  if (session.cache === "prefix" && cacheable(session.prefixTokens)) {
    const prefix = session.prefixTokens;
    return turn === 1
      ? { input: prompt - prefix, write: prefix, read: 0 }
      : { input: prompt - prefix, write: 0, read: prefix };
  }

  if (session.cache === "conversation") {
    const previous = turn > 1 ? promptOf(session, turn - 1) : 0;
    const read = cacheable(previous) ? previous : 0;
    const write = cacheable(prompt) ? prompt - read : 0;
    return { input: prompt - read - write, write, read };
  }

  return { input: prompt, write: 0, read: 0 };
}

function costTurn(session: Session, turn: number, spentBefore: Nanos) {
  const split = splitPrompt(session, turn);
  const write5m = session.ttl === "5m" ? split.write : 0;
  const priced = costBreakdown(
    {
      inputTokens: split.input,
      cacheWrite5mTokens: write5m,
      cacheWrite1hTokens: split.write - write5m,
      cacheReadTokens: split.read,
      outputTokens: session.outputTokensPerTurn,
    },
    session.model,
  );
  const cumulativeCostNanos = spentBefore + priced.costNanos;

  return {
    turn,
    promptTokens: priced.promptTokens,
    prefixTokens: session.prefixTokens,
    historyTokens: priced.promptTokens - session.prefixTokens,
    inputTokens: split.input,
    cacheWriteTokens: split.write,
    cacheReadTokens: split.read,
    outputTokens: session.outputTokensPerTurn,
    longContext: priced.longContext,
    cost: priced.cost,
    costNanos: priced.costNanos,
    cumulativeCost: usdFromNanos(cumulativeCostNanos),
    cumulativeCostNanos,
  } satisfies TurnCost;
}

/**
 * The cost of a chat session, turn by turn. Turn t sends
 * `prefixTokens + growthTokensPerTurn × (t − 1)` prompt tokens and
 * generates `outputTokensPerTurn`. With `cache: "prefix"` turn 1 writes
 * the prefix and later turns read it; with `"conversation"` turn 1 writes
 * its whole prompt and each later turn reads the previous prompt and
 * writes the rest. A part shorter than the model's minCacheableTokens is
 * not cached and is billed as plain input. The long-context tier applies
 * turn by turn. Costs are in USD (`cost`, `cumulativeCost`) and exact
 * nano-dollars (`costNanos`, `cumulativeCostNanos`).
 */
export function sessionCost(options: SessionOptions): SessionCost {
  const session = checkSession(options);

  const turns: TurnCost[] = [];
  let spent = 0n;
  for (let turn = 1; turn <= session.turns; turn++) {
    const cost = costTurn(session, turn, spent);
    spent = cost.cumulativeCostNanos;
    turns.push(cost);
  }

  const sum = (pick: (turn: TurnCost) => number): number =>
    turns.reduce((total, turn) => total + pick(turn), 0);
  return {
    model: session.model.id,
    cache: session.cache,
    ttl: session.ttl,
    turns,
    promptTokens: sum((turn) => turn.promptTokens),
    inputTokens: sum((turn) => turn.inputTokens),
    cacheWriteTokens: sum((turn) => turn.cacheWriteTokens),
    cacheReadTokens: sum((turn) => turn.cacheReadTokens),
    outputTokens: sum((turn) => turn.outputTokens),
    cost: usdFromNanos(spent),
    costNanos: spent,
  };
}
