import { cascadeBreakEven, cascadeCost, cheapCost, strongCost } from "cost";

// Every job runs on Claude Haiku 4.5 first; a fraction p escalates to
// Claude Opus 4.5. A job is 1,000 input and 500 output tokens.
const jobs = {
  cheap: "claude-haiku-4.5",
  strong: "claude-opus-4.5",
  inputTokens: 1_000,
  outputTokens: 500,
};

export const cheapPerJob = cheapCost(jobs);
export const strongPerJob = strongCost(jobs);

// The escalation rate at which the cascade costs as much as Opus alone.
export const breakEven = cascadeBreakEven(jobs);

// What the cascade costs per job at a 30% escalation rate.
export const atThirtyPercent = cascadeCost(0.3, jobs);
