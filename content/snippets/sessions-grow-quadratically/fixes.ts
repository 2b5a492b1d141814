import { costOfNanos, formatPercent, formatUsd, sessionCost, usdFromNanos } from "cost";

// Four fixes for the 30-turn chat, each priced against doing nothing.
const chat = {
  model: "claude-sonnet-4.5",
  turns: 30,
  prefixTokens: 5_000,
  growthTokensPerTurn: 1_000,
  outputTokensPerTurn: 400,
} as const;

export const asIs = sessionCost(chat).cost;

// Cache the prefix, or put a breakpoint at the end of every prompt so
// each turn reads the whole previous prompt from the cache (lesson 4).
export const cachedPrefix = sessionCost({ ...chat, cache: "prefix" }).cost;
export const cachedConversation = sessionCost({ ...chat, cache: "conversation" }).cost;

// Ask for answers half as long.
export const shorterAnswers = sessionCost({ ...chat, outputTokensPerTurn: 200 }).cost;

// Keep only the last 10 turns of history: the model forgets the rest.
export const windowTurns = 10;
let windowNanos = 0n;
for (let turn = 1; turn <= chat.turns; turn++) {
  const history = chat.growthTokensPerTurn * Math.min(turn - 1, windowTurns);
  const usage = {
    inputTokens: chat.prefixTokens + history,
    outputTokens: chat.outputTokensPerTurn,
  };
  windowNanos += costOfNanos(usage, chat.model);
}
export const lastTenTurns = usdFromNanos(windowNanos);

const fixes = { cachedPrefix, cachedConversation, shorterAnswers, lastTenTurns };
for (const [name, cost] of Object.entries(fixes)) {
  const saved = formatPercent(1 - cost / asIs);
  console.log(`${name}: ${formatUsd(cost)} (${saved} less than ${formatUsd(asIs)})`);
}
