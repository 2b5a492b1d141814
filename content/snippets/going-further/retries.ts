import { costBreakdown, expectedAttempts, retryCost } from "cost";

// A Claude Opus 4.5 call with a 20-second client timeout. Under load a
// quarter of the calls time out after the model has already produced its
// answer. The client tries each call up to 4 times: the first attempt and
// up to 3 retries. Every attempt is billed.
const usage = { input_tokens: 8_000, output_tokens: 1_500 };
export const policy = { failureRate: 0.25, maxAttempts: 4 };

const bill = costBreakdown(usage, "claude-opus-4.5");
export const perAttempt = bill.cost;
// The prompt's share of one attempt: input and output weigh about the same.
export const inputShare = bill.terms.input.cost / bill.cost;

export const attempts = expectedAttempts(policy);
export const perRequest = retryCost(perAttempt, policy);
