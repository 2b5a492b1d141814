import { formatTokens, formatUsd, models, nanosFromUsd, sessionCost, usdFromNanos } from "cost";

// The support chat above, counted by hand. Turn t sends the prefix and
// t − 1 turns of history, so N turns send the prefix N times and
// 0 + 1 + … + (N − 1) = N(N − 1) / 2 turns' worth of history.
const chat = {
  model: "claude-sonnet-4.5",
  turns: 30,
  prefixTokens: 5_000,
  growthTokensPerTurn: 1_000,
  outputTokensPerTurn: 400,
} as const;
const n = chat.turns;

export const prefixTokens = chat.prefixTokens * n;
export const historyTokens = (chat.growthTokensPerTurn * n * (n - 1)) / 2;
export const outputTokens = chat.outputTokensPerTurn * n;

// Tokens times a price per million, exact in nano-dollars.
const rates = models[chat.model];
const priced = (tokens: number, usdPerMillion: number) =>
  usdFromNanos((BigInt(tokens) * nanosFromUsd(usdPerMillion)) / 1_000_000n);

export const prefixCost = priced(prefixTokens, rates.input);
export const historyCost = priced(historyTokens, rates.input);
export const outputCost = priced(outputTokens, rates.output);

// The module's turn-by-turn sum agrees with the three terms.
export const total = sessionCost(chat).cost;

console.log(`prefix:  ${formatTokens(prefixTokens)} tokens, ${formatUsd(prefixCost)}`);
console.log(`history: ${formatTokens(historyTokens)} tokens, ${formatUsd(historyCost)}`);
console.log(`output:  ${formatTokens(outputTokens)} tokens, ${formatUsd(outputCost)}`);
console.log(`sessionCost: ${formatUsd(total)}`);
