import { costBreakdown, formatPercent, formatUsd } from "cost";

// A code-review request on Claude Sonnet 4.5: a 12,000-token prefix (review
// guidelines and repository context) that every request shares, a
// 3,000-token diff that is new each time, and a 2,000-token review.
const model = "claude-sonnet-4.5";
const before = costBreakdown({ inputTokens: 15_000, outputTokens: 2_000 }, model);
const after = costBreakdown(
  { cacheReadTokens: 12_000, inputTokens: 3_000, outputTokens: 2_000 },
  model,
);

export const uncached = before.cost;
export const cached = after.cost;
export const savedFraction = 1 - Number(after.costNanos) / Number(before.costNanos);

// Caching reprices prompt tokens only: the output is the same either way.
export const outputCost = after.terms.output.cost;
export const promptShare = 1 - Number(before.terms.output.costNanos) / Number(before.costNanos);
export const outputShareCached = Number(after.terms.output.costNanos) / Number(after.costNanos);

console.log(`uncached ${formatUsd(uncached)}, cached ${formatUsd(cached)}`);
console.log(`saved ${formatPercent(savedFraction)} of the request`);
console.log(`the output is now ${formatPercent(outputShareCached)} of the bill`);
