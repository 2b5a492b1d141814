import {
  cascadeCostNanos,
  cheapCostNanos,
  formatUsd,
  scaleNanos,
  strongCostNanos,
  usdFromNanos,
} from "cost";

// The same jobs, where one in five needs Sonnet. The cascade runs Haiku on
// every job and escalates the hard ones. A router reads each request first
// and sends it to one model; here it never misroutes.
const jobs = {
  cheap: "claude-haiku-4.5",
  strong: "claude-sonnet-4.5",
  inputTokens: 3_000,
  outputTokens: 600,
} as const;
export const hardShare = 0.2;

const cheap = cheapCostNanos(jobs);
const strong = strongCostNanos(jobs);

export const cascadePerJob = usdFromNanos(cascadeCostNanos(hardShare, jobs));
export const routerPerJob = usdFromNanos(
  scaleNanos(cheap, 1 - hardShare) + scaleNanos(strong, hardShare),
);
// What the cascade spends on Haiku answers it then throws away.
export const wastedPerJob = usdFromNanos(scaleNanos(cheap, hardShare));

console.log(`cascade: ${formatUsd(cascadePerJob)} a job`);
console.log(`router:  ${formatUsd(routerPerJob)} a job`);
console.log(`Haiku answers discarded: ${formatUsd(wastedPerJob)} a job`);
