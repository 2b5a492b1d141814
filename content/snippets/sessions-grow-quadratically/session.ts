import { formatUsd, sessionCost, type SessionOptions } from "cost";

// A support chat: a 5,000-token system prompt, each turn adds a question
// and an answer to the history. Change the shape and run: the chart above
// redraws from this export.
export const session = {
  model: "claude-sonnet-4.5",
  turns: 30,
  prefixTokens: 5_000,
  growthTokensPerTurn: 1_000,
  outputTokensPerTurn: 400,
  cache: "none",
} satisfies SessionOptions;

const cost = sessionCost(session);
const last = cost.turns[cost.turns.length - 1];
console.log(`${session.turns} turns cost ${formatUsd(cost.cost)}`);
console.log(`the last turn alone: ${formatUsd(last?.cost ?? 0)}`);
