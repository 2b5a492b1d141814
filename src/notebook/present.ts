/**
 * How the output pane words values: numbers grouped and rounded for reading
 * (the exact value stays one hover away), one-line previews of objects, and
 * arrays of rows recognised as tables.
 */
import type { Shown } from "./shown";

const LOCALE = "en-US";
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const fraction = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 4 });
const small = new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 6 });
const tiny = new Intl.NumberFormat(LOCALE, {
  notation: "scientific",
  maximumSignificantDigits: 4,
});

/**
 * A number for reading: whole numbers grouped (1,234,567), others to four
 * decimals from 1 up, six significant digits below 1, scientific below a
 * millionth or from 1e21.
 */
export function numberText(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (Object.is(value, -0)) return "-0";
  const size = Math.abs(value);
  if (size >= 1e21 || (size > 0 && size < 1e-6)) return tiny.format(value);
  if (Number.isInteger(value)) return whole.format(value);
  return size >= 1 ? fraction.format(value) : small.format(value);
}

/** Whole bigint digits grouped in threes. */
export function bigintText(digits: string): string {
  const negative = digits.startsWith("-");
  const body = negative ? digits.slice(1) : digits;
  const grouped = body.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}n`;
}

/** True for values shown inline, without an expander. */
export function isLeaf(shown: Shown): boolean {
  return !["array", "object", "map", "set"].includes(shown.kind);
}

/** A leaf value as text; strings quoted. */
export function leafText(shown: Shown): string {
  switch (shown.kind) {
    case "undefined":
    case "null":
      return shown.kind;
    case "boolean":
      return String(shown.value);
    case "number":
      return numberText(shown.value);
    case "bigint":
      return bigintText(shown.value);
    case "string":
      return JSON.stringify(shown.value) + (shown.omitted ? ` … (${shown.omitted} more characters)` : "");
    case "symbol":
      return `Symbol(${shown.description})`;
    case "function":
      return `ƒ ${shown.name || "(anonymous)"}()`;
    case "date":
      return shown.iso;
    case "error":
      return `${shown.name}: ${shown.message}`;
    case "circular":
      return "[circular]";
    case "deep":
      return "…";
    default:
      return previewText(shown);
  }
}

/** One line that stands for any value: `{ model: "gpt-4o", usage: {…} }`. */
export function previewText(shown: Shown, room = 80): string {
  if (isLeaf(shown)) return leafText(shown);
  const parts: string[] = [];
  let open = "";
  let close = "";
  let total = 0;
  if (shown.kind === "array" || shown.kind === "set") {
    open = shown.kind === "array" ? `Array(${shown.length}) [` : `Set(${shown.size}) {`;
    close = shown.kind === "array" ? "]" : "}";
    for (const item of shown.items) parts.push(nested(item));
    total = shown.kind === "array" ? shown.length : shown.size;
  } else if (shown.kind === "map") {
    open = `Map(${shown.size}) {`;
    close = "}";
    for (const [key, value] of shown.entries) parts.push(`${nested(key)} => ${nested(value)}`);
    total = shown.size;
  } else if (shown.kind === "object") {
    open = `${shown.className ? `${shown.className} ` : ""}{`;
    close = "}";
    for (const [key, value] of shown.entries) parts.push(`${key}: ${nested(value)}`);
    total = shown.entries.length + shown.omitted;
  }
  let body = "";
  let shownCount = 0;
  for (const part of parts) {
    const next = body === "" ? part : `${body}, ${part}`;
    if (next.length > room) break;
    body = next;
    shownCount += 1;
  }
  if (shownCount < total) body += body === "" ? "…" : ", …";
  const padded = open.endsWith("{") && body !== "" ? ` ${body} ` : body;
  return `${open}${padded}${close}`;
}

function nested(shown: Shown): string {
  if (isLeaf(shown)) return leafText(shown);
  if (shown.kind === "array") return `Array(${shown.length})`;
  return "{…}";
}

/** An array of rows as a table: its columns and each row's cells. */
export interface ShownTable {
  columns: string[];
  rows: (Shown | undefined)[][];
  /** Rows the array has beyond those shown. */
  omitted: number;
}

/** Most columns a table shows. */
const MAX_COLUMNS = 12;

/**
 * Reads an array of at least one object (every item a plain object) as a
 * table whose columns are their keys in first-seen order; null otherwise.
 */
export function tableOf(shown: Shown): ShownTable | null {
  if (shown.kind !== "array" || shown.items.length === 0) return null;
  const columns: string[] = [];
  for (const item of shown.items) {
    if (item.kind !== "object" || item.className !== "") return null;
    for (const [key] of item.entries) {
      if (!columns.includes(key) && columns.length < MAX_COLUMNS) columns.push(key);
    }
  }
  if (columns.length === 0) return null;
  const rows = shown.items.map((item) => {
    const entries = item.kind === "object" ? new Map(item.entries) : new Map<string, Shown>();
    return columns.map((column) => entries.get(column));
  });
  return { columns, rows, omitted: shown.length - shown.items.length };
}
