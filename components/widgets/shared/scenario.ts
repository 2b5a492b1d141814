/**
 * A widget's scenario: the values its controls hold, described by a schema
 * so that values arriving from outside (a shared link, a reader's snippet)
 * can be checked, clamped and reported instead of trusted.
 */

/** A numeric control: its range, step and the value used when none fits. */
export interface NumberSpec {
  readonly kind: "number";
  /** Words for the value in a note: "input tokens per request". */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Round to whole numbers (token counts, turns, requests). */
  readonly whole: boolean;
  /** Used when a value is missing or not a number at all. */
  readonly fallback: number;
  /** The unit after the number in a note: "tokens", "%". */
  readonly unit?: string;
}

/** A control with a fixed set of options: a model id, a cache mode. */
export interface ChoiceSpec<T extends string = string> {
  readonly kind: "choice";
  readonly label: string;
  readonly options: readonly T[];
  readonly fallback: T;
}

export type ParamSpec = NumberSpec | ChoiceSpec;
export type Schema = Readonly<Record<string, ParamSpec>>;

/** The values a schema describes: numbers, or one of a choice's options. */
export type ValuesOf<S extends Schema> = {
  -readonly [K in keyof S]: S[K] extends ChoiceSpec<infer T> ? T : number;
};

/** A checked value and, when it had to change, a note saying how. */
export interface Checked<T> {
  value: T;
  note?: string;
}

/** Where an outside value came from, for the wording of a note. */
export type ValueSource = "link" | "snippet" | "lesson" | "storage";

const SOURCE_WORDS: Record<ValueSource, string> = {
  link: "The link's",
  storage: "Your saved",
  snippet: "Your snippet's",
  lesson: "The lesson's",
};

const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

/** A number with its unit, as a note shows it: "1,000,000 tokens", "1 turn". */
export function numberWithUnit(value: number, unit?: string): string {
  const text = plain.format(value);
  if (!unit) return text;
  if (unit === "%") return `${text}%`;
  const singular = value === 1 && unit.endsWith("s") ? unit.slice(0, -1) : unit;
  return `${text} ${singular}`;
}

/** Shows an outside value in a note, quoted and cut short. */
function quoted(raw: unknown): string {
  const text =
    typeof raw === "string" || typeof raw === "number"
      ? String(raw)
      : (JSON.stringify(raw) ?? String(raw));
  const short = text.length > 24 ? `${text.slice(0, 23)}…` : text;
  return `“${short}”`;
}

/** A number from a number or numeric text; NaN for anything else. */
function numberFrom(raw: unknown): number {
  if (typeof raw === "number") return raw;
  if (typeof raw !== "string" || raw.trim() === "") return Number.NaN;
  return Number(raw.trim());
}

/**
 * Checks one numeric value against its spec. Text and numbers are read;
 * anything else, NaN or Infinity falls back; a value out of range is
 * clamped to the nearest end; a fraction where whole numbers are needed is
 * rounded. Each change comes back with a note for the reader.
 */
export function checkNumber(raw: unknown, spec: NumberSpec, source: ValueSource): Checked<number> {
  const whose = `${SOURCE_WORDS[source]} ${spec.label}`;
  const parsed = numberFrom(raw);

  if (!Number.isFinite(parsed)) {
    const fallback = numberWithUnit(spec.fallback, spec.unit);
    return {
      value: spec.fallback,
      note: `${whose}, ${quoted(raw)}, is not a number; using ${fallback}.`,
    };
  }
  if (parsed < spec.min) {
    const min = numberWithUnit(spec.min, spec.unit);
    return { value: spec.min, note: `${whose}, ${quoted(raw)}, is below ${min}; using ${min}.` };
  }
  if (parsed > spec.max) {
    const max = numberWithUnit(spec.max, spec.unit);
    return { value: spec.max, note: `${whose}, ${quoted(raw)}, is above ${max}; using ${max}.` };
  }
  if (spec.whole && !Number.isInteger(parsed)) {
    const rounded = Math.round(parsed);
    const shown = numberWithUnit(rounded, spec.unit);
    return {
      value: rounded,
      note: `${whose}, ${quoted(raw)}, must be a whole number; using ${shown}.`,
    };
  }
  return { value: parsed };
}

/** Checks one choice: an unknown option falls back, with a note. */
export function checkChoice<T extends string>(
  raw: unknown,
  spec: ChoiceSpec<T>,
  source: ValueSource,
): Checked<T> {
  const match = spec.options.find((option) => option === raw);
  if (match !== undefined) return { value: match };
  const whose = `${SOURCE_WORDS[source]} ${spec.label}`;
  return {
    value: spec.fallback,
    note: `${whose}, ${quoted(raw)}, is not one of the options; using ${spec.fallback}.`,
  };
}

/** The schema's fallback values: a widget's first state. */
export function fallbackValues<S extends Schema>(schema: S): ValuesOf<S> {
  const values: Record<string, number | string> = {};
  for (const [key, spec] of Object.entries(schema)) values[key] = spec.fallback;
  return values as ValuesOf<S>;
}

/** Outside values after checking: those present, and the notes. */
export interface CheckedValues<S extends Schema> {
  values: Partial<ValuesOf<S>>;
  notes: string[];
}

/**
 * Checks every key of `raw` that the schema names (others are ignored);
 * keys that are absent stay absent, so the caller keeps its own values.
 */
export function checkValues<S extends Schema>(
  schema: S,
  raw: Readonly<Record<string, unknown>>,
  source: ValueSource,
): CheckedValues<S> {
  const values: Record<string, number | string> = {};
  const notes: string[] = [];
  for (const [key, spec] of Object.entries(schema)) {
    if (!(key in raw) || raw[key] === undefined) continue;
    const checked =
      spec.kind === "number"
        ? checkNumber(raw[key], spec, source)
        : checkChoice(raw[key], spec, source);
    values[key] = checked.value;
    if (checked.note) notes.push(checked.note);
  }
  return { values: values as Partial<ValuesOf<S>>, notes };
}

/**
 * The raw values a link carries for one widget: query parameters named
 * `prefix.key` ("pricing.input=9350"), keyed by `key`.
 */
export function rawValuesFromQuery(search: string, prefix: string): Record<string, string> {
  const raw: Record<string, string> = {};
  const lead = `${prefix}.`;
  for (const [name, value] of new URLSearchParams(search)) {
    if (name.startsWith(lead)) raw[name.slice(lead.length)] = value;
  }
  return raw;
}

/** A widget's values as query text: "pricing.model=gpt-5&pricing.input=10". */
export function queryFromValues<S extends Schema>(
  schema: S,
  values: ValuesOf<S>,
  prefix: string,
): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(schema)) {
    params.set(`${prefix}.${key}`, String(values[key as keyof S]));
  }
  return params.toString();
}

/**
 * The current page's query with this widget's parameters replaced by
 * `query`, keeping every other widget's: what a copied link carries.
 */
export function mergeQuery(current: string, query: string, prefix: string): string {
  const merged = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(current)) {
    if (!name.startsWith(`${prefix}.`)) merged.append(name, value);
  }
  for (const [name, value] of new URLSearchParams(query)) merged.append(name, value);
  return merged.toString();
}
