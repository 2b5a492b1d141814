import { formatUsd, maxCostOf, reserveCommitGuard, simulateRace, type LlmRequest } from "cost";

// The same call twice: 10,000 input tokens on Haiku 4.5, and a reply of
// 1,500 tokens either way. Only the cap on the output differs.
const wide: LlmRequest = {
  model: "claude-haiku-4.5",
  input_tokens: 10_000,
  max_tokens: 8_000,
  output_tokens: 1_500,
};
const tight: LlmRequest = { ...wide, max_tokens: 2_000 };

// What each call must reserve: its prompt plus max_tokens of output.
export const wideHold = maxCostOf(wide);
export const tightHold = maxCostOf(tight);

// $0.10 left this month, and ten calls arrive at once. The guard is the
// reserve/commit one, as the cost module exports it.
const burst = { limit: 1.0, spent: 0.9, requests: 10 };
export const wideRace = await simulateRace(reserveCommitGuard, {
  ...burst,
  request: wide,
});
export const tightRace = await simulateRace(reserveCommitGuard, {
  ...burst,
  request: tight,
});

console.log(`max_tokens 8,000: holds ${formatUsd(wideHold)} a call`);
console.log(`  ${wideRace.admitted} of 10 admitted, ${formatUsd(wideRace.spent)} spent`);
console.log(`max_tokens 2,000: holds ${formatUsd(tightHold)} a call`);
console.log(`  ${tightRace.admitted} of 10 admitted, ${formatUsd(tightRace.spent)} spent`);
