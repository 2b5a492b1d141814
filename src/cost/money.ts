// Exact money. A cost is a whole number of nano-dollars (1e-9 USD) held in
// a bigint; dollars as a `number` exist only at the edges, for display and
// for callers that want plain arithmetic.

import { CostInputError } from "./errors";

/** A whole number of nano-dollars (1 USD = 1,000,000,000 nanos). */
export type Nanos = bigint;

/** Nano-dollars in one US dollar. */
export const NANOS_PER_USD: Nanos = 1_000_000_000n;

const MAX_EXACT_DOUBLE = 2n ** 53n;

/**
 * A finite number as the decimal it prints as: `digits × 10^-scale`.
 * `String(x)` is the shortest decimal that reads back as `x`, so 2.805
 * yields digits 2805, scale 3, not the binary double's long expansion.
 */
interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

function decimalOf(value: number): Decimal {
  const [mantissa = "0", exponent = "0"] = String(value).split("e");
  const [whole = "0", fraction = ""] = mantissa.split(".");
  return {
    digits: BigInt(whole + fraction),
    scale: fraction.length - Number(exponent),
  };
}

/** Integer division rounding half away from zero; `divisor` is positive. */
function divideRounded(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  const remainder = dividend % divisor;
  const twice = remainder < 0n ? -2n * remainder : 2n * remainder;
  if (twice < divisor) return quotient;
  return dividend < 0n ? quotient - 1n : quotient + 1n;
}

/** `digits × 10^-scale` rounded half away from zero to a whole number. */
function roundDecimal(digits: bigint, scale: number): bigint {
  if (scale <= 0) return digits * 10n ** BigInt(-scale);
  return divideRounded(digits, 10n ** BigInt(scale));
}

/** Below this many dollars a double's spacing is under half a nano. */
const FAST_PATH_LIMIT_USD = 1_000_000;

function checkFinite(value: number, field: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new CostInputError(field, value, "a finite number of US dollars");
  }
}

/**
 * Dollars for a whole number of nano-dollars: the double nearest the exact
 * decimal, so 2_805_000_000n gives 2.805 exactly as the literal 2.805 does.
 */
export function usdFromNanos(nanos: Nanos): number {
  const size = nanos < 0n ? -nanos : nanos;

  // Both operands are exact doubles, and IEEE division rounds correctly.
  if (size <= MAX_EXACT_DOUBLE) return Number(nanos) / 1e9;

  // Past 2^53 the integer itself would round first; parse the decimal.
  return Number(decimalStringFromNanos(nanos));
}

/**
 * Nano-dollars for an amount in US dollars, rounded half away from zero to
 * the nearest nano. The amount is read as the decimal it prints as, so
 * 0.0000000025 USD is 3 nanos. Throws CostInputError for NaN or Infinity.
 */
export function nanosFromUsd(usd: number, field = "usd"): Nanos {
  checkFinite(usd, field);

  // Fast path: below $1M two different nano amounts never share a double,
  // so a whole number of nanos that divides back to `usd` is its decimal.
  if (Math.abs(usd) < FAST_PATH_LIMIT_USD) {
    const nanos = Math.round(usd * 1e9);
    if (nanos / 1e9 === usd) return BigInt(nanos);
  }

  const { digits, scale } = decimalOf(usd);
  return roundDecimal(digits, scale - 9);
}

/**
 * The sum of costs in US dollars, added exactly as nano-dollars (each cost
 * rounded to the nearest nano first), so a million costs of $0.0035 sum to
 * exactly $3,500.
 */
export function sumUsd(costs: readonly number[]): number {
  let total = 0n;
  costs.forEach((cost, index) => {
    total += nanosFromUsd(cost, `costs[${index}]`);
  });
  return usdFromNanos(total);
}

/**
 * The exact sum of nano-dollar amounts.
 */
export function sumNanos(amounts: readonly Nanos[]): Nanos {
  return amounts.reduce((total, amount) => total + amount, 0n);
}

/**
 * Nano-dollars scaled by a factor (such as an escalation rate between 0
 * and 1), rounded half away from zero to the nearest nano. The factor is
 * read as the decimal it prints as, so 0.8 scales by exactly 8/10.
 */
export function scaleNanos(nanos: Nanos, factor: number): Nanos {
  checkFinite(factor, "factor");
  const { digits, scale } = decimalOf(factor);
  return roundDecimal(nanos * digits, scale);
}

/**
 * A nano-dollar amount as an exact decimal string of dollars with nine
 * fraction digits: 2_805_000_000n → "2.805000000".
 */
export function decimalStringFromNanos(nanos: Nanos): string {
  const sign = nanos < 0n ? "-" : "";
  const size = nanos < 0n ? -nanos : nanos;
  const whole = size / NANOS_PER_USD;
  const fraction = (size % NANOS_PER_USD).toString().padStart(9, "0");
  return `${sign}${whole}.${fraction}`;
}

/**
 * How many decimals a number has as written: 22.5 → 1, 0.075 → 3, 3 → 0.
 * Prices must have at most three, so that each token costs whole nanos.
 */
export function decimalPlaces(value: number): number {
  return Math.max(0, decimalOf(value).scale);
}
