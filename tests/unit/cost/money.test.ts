import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CostInputError, nanosFromUsd, scaleNanos, sumNanos, sumUsd, usdFromNanos } from "cost";
import { decimalPlaces, decimalStringFromNanos } from "../../../src/cost/money";

describe("usdFromNanos(nanos)", () => {
  it.each([
    [2_805_000_000n, 2.805],
    [3_500_000n, 0.0035],
    [1n, 1e-9],
    [0n, 0],
    [-184_500_000n, -0.1845],
    [300_000_000n, 0.3],
  ])("%s nanos is $%s exactly", (nanos, usd) => {
    expect(usdFromNanos(nanos)).toBe(usd);
  });

  it("gives the double nearest the decimal past 2^53 nanos", () => {
    const nanos = 2n ** 60n + 123_456_789n;
    expect(usdFromNanos(nanos)).toBe(Number(decimalStringFromNanos(nanos)));
    expect(usdFromNanos(-nanos)).toBe(-Number(decimalStringFromNanos(nanos)));
  });
});

describe("nanosFromUsd(usd)", () => {
  it.each([
    [2.805, 2_805_000_000n],
    [0.0035, 3_500_000n],
    [0.1, 100_000_000n],
    [1e-9, 1n],
    [1e21, 10n ** 30n],
    [-0.1845, -184_500_000n],
    [0, 0n],
  ])("$%s is %s nanos", (usd, nanos) => {
    expect(nanosFromUsd(usd)).toBe(nanos);
  });

  it.each([
    [2.5e-9, 3n],
    [-2.5e-9, -3n],
    [1.4999e-9, 1n],
    [0.4e-9, 0n],
    [0.0000000015, 2n],
  ])("rounds %s USD half away from zero to %s nanos", (usd, nanos) => {
    expect(nanosFromUsd(usd)).toBe(nanos);
  });

  it.each([NaN, Infinity, -Infinity])("rejects %s with a CostInputError", (usd) => {
    expect(() => nanosFromUsd(usd)).toThrow(CostInputError);
    expect(() => nanosFromUsd(usd)).toThrow(
      `usd must be a finite number of US dollars, received ${usd}`,
    );
  });

  it("round-trips through usdFromNanos", () => {
    for (const nanos of [1n, 7n, 123_456_789n, 9_007_199_254_740_993n]) {
      expect(nanosFromUsd(usdFromNanos(nanos))).toBe(nanos);
    }
  });
});

describe("sumUsd(costs)", () => {
  it("sums a million costs of $0.0035 to exactly $3,500", () => {
    const costs = new Array<number>(1_000_000).fill(0.0035);
    const naive = costs.reduce((total, cost) => total + cost, 0);
    expect(naive).not.toBe(3500);
    expect(sumUsd(costs)).toBe(3500);
  });

  it("sums a million different costs to the exact decimal total", () => {
    // Cost i is $0.1 plus i nanos: $100,000 plus 499,999,500,000 nanos.
    const costs = Array.from({ length: 1_000_000 }, (_, i) => 0.1 + i * 1e-9);
    const expected = 100_000n * 1_000_000_000n + (999_999n * 1_000_000n) / 2n;
    expect(sumUsd(costs)).toBe(usdFromNanos(expected));
    expect(sumUsd(costs)).toBe(100_499.9995);
  });

  it("names the position of a cost that is not finite", () => {
    expect(() => sumUsd([1, NaN])).toThrow("costs[1] must be a finite number of US dollars");
  });

  it("sums nothing to 0", () => {
    expect(sumUsd([])).toBe(0);
  });
});

describe("sumNanos(amounts)", () => {
  it("adds exactly past 2^53", () => {
    expect(sumNanos([2n ** 53n, 1n, 1n])).toBe(2n ** 53n + 2n);
  });
});

describe("scaleNanos(nanos, factor)", () => {
  it.each([
    [17_500_000n, 0.8, 14_000_000n],
    [17_500_000n, 0, 0n],
    [17_500_000n, 1, 17_500_000n],
    [3n, 0.5, 2n],
    [-3n, 0.5, -2n],
    [1n, 1e-10, 0n],
  ])("%s × %s is %s", (nanos, factor, scaled) => {
    expect(scaleNanos(nanos, factor)).toBe(scaled);
  });
});

describe("decimalStringFromNanos(nanos) and decimalPlaces(value)", () => {
  it("writes nine fraction digits", () => {
    expect(decimalStringFromNanos(2_805_000_000n)).toBe("2.805000000");
    expect(decimalStringFromNanos(-1n)).toBe("-0.000000001");
  });

  it.each([
    [3, 0],
    [22.5, 1],
    [0.075, 3],
    [0.0001, 4],
    [1e-7, 7],
    [1e21, 0],
  ])("%s has %s decimals", (value, places) => {
    expect(decimalPlaces(value)).toBe(places);
  });
});

describe("nanosFromUsd(usdFromNanos(n))", () => {
  it("gives back n for every whole number of nanos, on both sides of $1M", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }), (nanos) => {
        return nanosFromUsd(usdFromNanos(nanos)) === nanos || Math.abs(Number(nanos)) >= 1e15;
      }),
      { numRuns: 5000 },
    );
  });
});
