import { cacheSavings, prefixCost } from "cost";

// A 10,000-token system prompt sent on each of 50 turns to Claude Sonnet
// 4.5 ($3 per million input tokens), without and with a 5-minute cache.
const prefix = { prefixTokens: 10_000, model: "claude-sonnet-4.5" };

export const savings = cacheSavings({ turns: 50, ...prefix });

// Turn by turn: the first cached turn costs more, the second already less.
export const firstTurns = [1, 2, 3].map((turns) => ({
  turns,
  uncached: prefixCost(turns, false, prefix),
  cached: prefixCost(turns, true, prefix),
}));
