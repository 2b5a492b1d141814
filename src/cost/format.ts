// Numbers as text for lessons and widgets, always in the en-US locale so
// that a page reads the same on every machine.

import { CostInputError } from "./errors";
import { decimalStringFromNanos, nanosFromUsd, type Nanos } from "./money";

/** How formatUsd rounds. */
export interface UsdFormatOptions {
  /**
   * Significant digits kept for amounts under a few dollars, 1 to 9;
   * default 4. Larger amounts always keep their cents.
   */
  readonly significantDigits?: number;
}

const LOCALE = "en-US";

function checkDigits(value: unknown, field: string): number {
  const ok = Number.isInteger(value) && Number(value) >= 1;
  if (ok && Number(value) <= 9) return Number(value);
  throw new CostInputError(field, value, "a whole number from 1 to 9");
}

/** Digits before the decimal point, minus one: floor(log10(|amount|)). */
function magnitude(nanos: Nanos): number {
  const size = nanos < 0n ? -nanos : nanos;
  return size.toString().length - 1 - 9;
}

/**
 * An amount of money as US dollars: a number is USD, a bigint is
 * nano-dollars. Keeps `significantDigits` (default 4) but at least the
 * cents and at most nine decimals, so tiny costs stay readable:
 * 2.805 → "$2.805", 1.5 → "$1.50", 0.0035 → "$0.0035",
 * 0.000001 → "$0.000001", 1234.5678 → "$1,234.57". Rounds half away from
 * zero on the exact decimal.
 */
export function formatUsd(
  amount: number | Nanos,
  options: UsdFormatOptions = {},
): string {
  const digits = checkDigits(
    options.significantDigits ?? 4,
    "options.significantDigits",
  );
  const nanos =
    typeof amount === "bigint" ? amount : nanosFromUsd(amount, "amount");
  const fractionDigits =
    nanos === 0n ? 2 : Math.min(9, Math.max(2, digits - 1 - magnitude(nanos)));

  // A decimal string is formatted exactly, with no detour through a double.
  const exact = decimalStringFromNanos(nanos) as `${number}`;
  return numberFormat({
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: fractionDigits,
  }).format(exact);
}

// A widget redraw formats hundreds of numbers, and building an Intl
// formatter costs far more than using one; the option sets in use are few.
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, options);
    formats.set(key, format);
  }
  return format;
}

/** How formatTokens writes a count. */
export interface TokenFormatOptions {
  /** Short form such as "33.4K" or "1.2M"; default false. */
  readonly compact?: boolean;
  /** Append " tokens" (or " token" for exactly one); default false. */
  readonly unit?: boolean;
}

/**
 * A token count with digit grouping: 33400 → "33,400", or with
 * `compact: true` → "33.4K", and with `unit: true` → "33,400 tokens".
 */
export function formatTokens(
  tokens: number,
  options: TokenFormatOptions = {},
): string {
  if (typeof tokens !== "number" || !Number.isFinite(tokens)) {
    throw new CostInputError("tokens", tokens, "a finite number of tokens");
  }
  const text = numberFormat({
    notation: options.compact === true ? "compact" : "standard",
    maximumFractionDigits: options.compact === true ? 1 : 0,
  }).format(tokens);
  if (options.unit !== true) return text;
  return `${text} ${tokens === 1 ? "token" : "tokens"}`;
}

/** How formatPercent rounds. */
export interface PercentFormatOptions {
  /** Most decimals after the percentage's point, 0 to 9; default 1. */
  readonly digits?: number;
}

/**
 * A fraction as a percentage: 0.877 → "87.7%", 0.8 → "80%". `digits`
 * (default 1) is the most decimals shown; trailing zeros are dropped.
 */
export function formatPercent(
  fraction: number,
  options: PercentFormatOptions = {},
): string {
  if (typeof fraction !== "number" || !Number.isFinite(fraction)) {
    throw new CostInputError("fraction", fraction, "a finite number");
  }
  const digits = options.digits ?? 1;
  if (!Number.isInteger(digits) || digits < 0 || digits > 9) {
    throw new CostInputError(
      "options.digits",
      digits,
      "a whole number from 0 to 9",
    );
  }
  return numberFormat({
    style: "percent",
    maximumFractionDigits: digits,
  }).format(fraction);
}
