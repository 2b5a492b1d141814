import { costOf, expectedAttempts, retryCost } from "cost";

// A Claude Opus 4.5 call with a 20-second client timeout. Under load a
// quarter of the calls time out after the model has already produced its
// answer, and the client retries up to 4 times. Every attempt is billed.
const usage = { input_tokens: 8_000, output_tokens: 1_500 };
const retries = { failureRate: 0.25, maxAttempts: 4 };

export const perAttempt = costOf(usage, "claude-opus-4.5");
export const attempts = expectedAttempts(retries);
export const perRequest = retryCost(perAttempt, retries);
