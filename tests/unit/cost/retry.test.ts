import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { expectedAttempts, retryCost } from "../../../src/cost/retry";

describe("expectedAttempts({ failureRate, maxAttempts })", () => {
  test.each([
    [0, 5, 1],
    [0.5, 1, 1],
    [0.5, 3, 1.75],
    [1, 4, 4],
    [0.2, 2, 1.2],
  ])("failure rate %s with at most %s attempts bills %s attempts", (rate, max, expected) => {
    expect(expectedAttempts({ failureRate: rate, maxAttempts: max })).toBeCloseTo(expected, 12);
  });

  test("never exceeds the cap and never falls below one attempt", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        (failureRate, maxAttempts) => {
          const attempts = expectedAttempts({ failureRate, maxAttempts });
          return attempts >= 1 && attempts <= maxAttempts + 1e-9;
        },
      ),
    );
  });

  test.each([
    [
      { failureRate: 1.5, maxAttempts: 3 },
      /failureRate must be a number from 0 to 1, received 1.5/,
    ],
    [{ failureRate: 0.1, maxAttempts: 0 }, /maxAttempts must be a whole number of attempts from 1/],
  ])("%j is refused with the field and the value", (options, message) => {
    expect(() => expectedAttempts(options)).toThrow(message);
  });
});

describe("retryCost(costPerAttempt, options)", () => {
  test("a $0.02 call failing half the time with 3 attempts costs $0.035 on average", () => {
    expect(retryCost(0.02, { failureRate: 0.5, maxAttempts: 3 })).toBe(0.035);
  });
});
