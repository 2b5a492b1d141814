// Retries multiply spend: every attempt that reaches the model is billed,
// including the ones whose answer was thrown away by a timeout.

import { checkFraction, checkWhole } from "./errors";
import { nanosFromUsd, scaleNanos, usdFromNanos } from "./money";

/** How retries are configured: the chance one attempt fails, the cap. */
export interface RetryOptions {
  /** Probability from 0 to 1 that one attempt fails and is retried. */
  failureRate: number;
  /** Attempts at most, the first one included (1 means no retry). */
  maxAttempts: number;
}

/**
 * The expected number of billed attempts per request when each attempt
 * fails independently with `failureRate` and a failure is retried until
 * `maxAttempts`: 1 + f + f² + … + f^(maxAttempts − 1).
 */
export function expectedAttempts(options: RetryOptions): number {
  const failureRate = checkFraction(options.failureRate, "failureRate");
  const maxAttempts = checkWhole(options.maxAttempts, "maxAttempts", {
    unit: "attempts",
    min: 1,
    max: 100,
  });
  let attempts = 0;
  let reach = 1;
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    attempts += reach;
    reach *= failureRate;
  }
  return attempts;
}

/**
 * Expected USD per request when every attempt costs `costPerAttempt` USD
 * and failures are retried as `options` say. Rounded to the nearest nano.
 */
export function retryCost(
  costPerAttempt: number,
  options: RetryOptions,
): number {
  const perAttempt = nanosFromUsd(costPerAttempt, "costPerAttempt");
  const factor = expectedAttempts(options);
  return usdFromNanos(scaleNanos(perAttempt, factor));
}
