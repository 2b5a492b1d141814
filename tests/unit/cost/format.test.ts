import { describe, expect, it } from "vitest";
import { CostInputError, formatPercent, formatTokens, formatUsd } from "cost";

describe("formatUsd(amount, options?)", () => {
  it.each([
    [2.805, "$2.805"],
    [3.105, "$3.105"],
    [1.5, "$1.50"],
    [0.3, "$0.30"],
    [0.1845, "$0.1845"],
    [0.0035, "$0.0035"],
    [0.000001, "$0.000001"],
    [1e-9, "$0.000000001"],
    [1234.5678, "$1,234.57"],
    [1_000_000, "$1,000,000.00"],
    [0, "$0.00"],
    [-0.0075, "-$0.0075"],
    [1.3155, "$1.316"],
    [1e-12, "$0.00"],
  ])("writes %s USD as %s", (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });

  it("reads a bigint as nano-dollars, exactly", () => {
    expect(formatUsd(2_805_000_000n)).toBe("$2.805");
    expect(formatUsd(1n)).toBe("$0.000000001");
    expect(formatUsd(2n ** 70n)).toBe("$1,180,591,620,717.41");
  });

  it("rounds half away from zero on the exact decimal", () => {
    // 0.00012345 has a binary double just below the half; the decimal wins.
    expect(formatUsd(0.00012345)).toBe("$0.0001235");
    expect(formatUsd(-0.00012345)).toBe("-$0.0001235");
  });

  it("keeps the significant digits asked for", () => {
    expect(formatUsd(1.3155, { significantDigits: 5 })).toBe("$1.3155");
    expect(formatUsd(0.0035123, { significantDigits: 2 })).toBe("$0.0035");
    expect(formatUsd(12.5, { significantDigits: 1 })).toBe("$12.50");
  });

  it("rejects amounts and options it cannot write", () => {
    expect(() => formatUsd(NaN)).toThrow(CostInputError);
    expect(() => formatUsd(NaN)).toThrow(
      /^amount must be a finite number of US dollars, received NaN/,
    );
    expect(() => formatUsd(1, { significantDigits: 0 })).toThrow(
      /^options\.significantDigits must be a whole number from 1 to 9/,
    );
  });
});

describe("formatTokens(tokens, options?)", () => {
  it.each([
    [33_400, {}, "33,400"],
    [935_000, {}, "935,000"],
    [0, {}, "0"],
    [33_400, { compact: true }, "33.4K"],
    [1_250_000, { compact: true }, "1.3M"],
    [33_400, { unit: true }, "33,400 tokens"],
    [1, { unit: true }, "1 token"],
    [200_000, { compact: true, unit: true }, "200K tokens"],
  ])("writes %s with %o as %s", (tokens, options, text) => {
    expect(formatTokens(tokens, options)).toBe(text);
  });

  it("rejects a count that is not finite", () => {
    expect(() => formatTokens(Infinity)).toThrow(
      /^tokens must be a finite number of tokens, received Infinity/,
    );
  });
});

describe("formatPercent(fraction, options?)", () => {
  it.each([
    [0.877, {}, "87.7%"],
    [0.8, {}, "80%"],
    [1, {}, "100%"],
    [-0.25, {}, "-25%"],
    [0.87654, { digits: 2 }, "87.65%"],
    [0.87654, { digits: 0 }, "88%"],
  ])("writes %s with %o as %s", (fraction, options, text) => {
    expect(formatPercent(fraction, options)).toBe(text);
  });

  it("rejects what it cannot write", () => {
    expect(() => formatPercent(NaN)).toThrow(/^fraction must be a finite number, received NaN/);
    expect(() => formatPercent(0.5, { digits: 1.5 })).toThrow(
      /^options\.digits must be a whole number from 0 to 9/,
    );
  });
});
