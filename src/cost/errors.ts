// Input errors for the cost module, worded as the fix: which field, what
// was received, and what would be valid. The checks below are shared by the
// module's files; only CostInputError is part of the public API.

/**
 * A value passed to the cost module that it cannot price: a token count
 * that is negative or fractional, an unknown model id, a usage object in
 * no provider's shape. `field` is the path of the offending value (such as
 * `usage.prompt_tokens_details.cached_tokens`), `received` the value
 * itself, and `expected` a phrase saying what would be valid.
 */
export class CostInputError extends Error {
  readonly field: string;
  readonly received: unknown;
  readonly expected: string;

  constructor(
    field: string,
    received: unknown,
    expected: string,
    hint?: string,
  ) {
    const base = `${field} must be ${expected}, received ${describe(received)}`;
    super(hint === undefined ? base : `${base}. ${hint}`);
    this.name = "CostInputError";
    this.field = field;
    this.received = received;
    this.expected = expected;
  }
}

/** A short, readable rendering of any value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 0) return "an empty object";
    const shown = keys.slice(0, 6).join(", ");
    const more = keys.length > 6 ? ", …" : "";
    return `an object with ${shown}${more}`;
  }
  return String(value);
}

/** A whole number as en-US text with digit grouping: 10000 → "10,000". */
export function grouped(value: number): string {
  return value.toLocaleString("en-US");
}

/**
 * A whole number of tokens, at least `min` (default 0) and at most `max`.
 * Throws CostInputError naming `field` otherwise.
 */
export function checkTokens(
  value: unknown,
  field: string,
  max = Number.MAX_SAFE_INTEGER,
): number {
  return checkWhole(value, field, { unit: "tokens", min: 0, max });
}

interface WholeRange {
  readonly unit: string;
  readonly min: number;
  readonly max: number;
}

/** A whole number within `range`, or a CostInputError naming `field`. */
export function checkWhole(
  value: unknown,
  field: string,
  range: WholeRange,
): number {
  const ok =
    typeof value === "number" &&
    Number.isSafeInteger(value) &&
    value >= range.min &&
    value <= range.max;
  if (ok) return value;
  throw new CostInputError(field, value, wholeExpected(range));
}

function wholeExpected({ unit, min, max }: WholeRange): string {
  if (max >= Number.MAX_SAFE_INTEGER) {
    return `a whole number of ${unit} ≥ ${grouped(min)}`;
  }
  return `a whole number of ${unit} from ${grouped(min)} to ${grouped(max)}`;
}

/** A number from 0 to 1 inclusive, or a CostInputError naming `field`. */
export function checkFraction(value: unknown, field: string): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= 1;
  if (ok) return value;
  throw new CostInputError(field, value, "a number from 0 to 1");
}

/** One of `allowed`, or a CostInputError naming `field`. */
export function checkOneOf<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
): T {
  const match = allowed.find((option) => option === value);
  if (match !== undefined) return match;
  const listed = allowed.map((option) => JSON.stringify(option));
  throw new CostInputError(field, value, `one of ${listed.join(", ")}`);
}

/**
 * A plain object, or a CostInputError naming `field` and saying what it
 * should hold.
 */
export function checkObject(
  value: unknown,
  field: string,
  expected: string,
): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new CostInputError(field, value, expected);
}

/**
 * Rejects keys of `options` that are not in `known`, suggesting the
 * closest known key, so a misspelt option fails instead of being ignored.
 */
export function checkKnownKeys(
  options: Record<string, unknown>,
  field: string,
  known: readonly string[],
): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = closest(key, known, 1);
    const hint =
      near.length > 0
        ? `Did you mean ${JSON.stringify(near[0])}?`
        : `The options are ${known.join(", ")}.`;
    throw new CostInputError(
      `${field}.${key}`,
      options[key],
      "left out: it is not an option here",
      hint,
    );
  }
}

/**
 * Up to `count` candidates nearest `word` by edit distance, nearest first,
 * leaving out any that differ in more than half of their characters.
 */
export function closest(
  word: string,
  candidates: readonly string[],
  count = 3,
): string[] {
  const target = word.toLowerCase();
  return candidates
    .map((candidate) => ({
      candidate,
      distance: editDistance(target, candidate.toLowerCase()),
    }))
    .filter(({ candidate, distance }) => distance <= candidate.length / 2)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + substitution,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
