import {
  cascadeCostNanos,
  costOfNanos,
  formatPercent,
  formatUsd,
  strongCost,
  usdFromNanos,
  type CascadeOptions,
} from "cost";

// Haiku answers every job; the jobs it cannot handle go on to Sonnet.
export const cascade = {
  cheap: "claude-haiku-4.5",
  strong: "claude-sonnet-4.5",
  inputTokens: 3_000,
  outputTokens: 600,
} satisfies CascadeOptions;

export const escalationRate = 0.1;

// Deciding to escalate is not free: a judge call reads each cheap answer.
const judgeUsage = { inputTokens: 800, outputTokens: 20 };

/** Expected USD per job at an escalation rate from 0 to 1, judge included. */
export function costPerJob(rate: number): number {
  const judge = costOfNanos(judgeUsage, cascade.cheap);
  return usdFromNanos(cascadeCostNanos(rate, cascade) + judge);
}

// The escalation rate at which this cascade costs as much as Sonnet alone:
// costPerJob(p) = strong when p = 1 − costPerJob(0) / strong.
export const breakEven = 1 - costPerJob(0) / strongCost(cascade);

console.log(`at ${escalationRate}: ${formatUsd(costPerJob(escalationRate))} per job`);
console.log(`break-even: ${formatPercent(breakEven)} of jobs escalated`);
