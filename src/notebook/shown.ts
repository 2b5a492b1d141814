/**
 * A value as the output pane shows it: a tagged tree that a sandbox worker
 * builds from any JavaScript value and posts to the page. The page trusts
 * none of it: `shownFromUntrusted` rebuilds the tree from unknown data and
 * drops whatever does not fit the shape.
 */
import type { SandboxValue } from "./store";

export type Shown =
  | { kind: "undefined" }
  | { kind: "null" }
  | { kind: "boolean"; value: boolean }
  /** NaN, ±Infinity and -0 survive structured cloning as numbers. */
  | { kind: "number"; value: number }
  /** Decimal digits, so values past 2^53 stay exact. */
  | { kind: "bigint"; value: string }
  /** `omitted` counts characters cut from a very long string. */
  | { kind: "string"; value: string; omitted: number }
  | { kind: "symbol"; description: string }
  | { kind: "function"; name: string }
  | { kind: "date"; iso: string }
  | { kind: "error"; name: string; message: string }
  /** `length` is the array's own; items past the budget are left out. */
  | { kind: "array"; items: Shown[]; length: number }
  /** `className` is set for instances of classes other than Object. */
  | { kind: "object"; className: string; entries: [string, Shown][]; omitted: number }
  | { kind: "map"; entries: [Shown, Shown][]; size: number }
  | { kind: "set"; items: Shown[]; size: number }
  /** A value already being shown higher up in the same tree. */
  | { kind: "circular" }
  /** Nesting deeper than the worker walks. */
  | { kind: "deep" };

/** Most nodes one message may carry; a bigger tree is cut, not refused. */
export const MAX_SHOWN_NODES = 20_000;
/** Longest string kept whole, in UTF-16 code units. */
export const MAX_SHOWN_STRING = 20_000;
/** Deepest nesting kept. */
export const MAX_SHOWN_DEPTH = 24;

const leafKinds = new Set(["undefined", "null", "circular", "deep"]);

type Budget = { nodes: number };

function text(value: unknown, limit = MAX_SHOWN_STRING): string {
  return typeof value === "string" ? value.slice(0, limit) : "";
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : 0;
}

/**
 * Rebuilds a Shown tree from data that crossed the sandbox boundary, keeping
 * only well-formed nodes (anything else becomes `undefined`) and at most
 * MAX_SHOWN_NODES of them.
 */
export function shownFromUntrusted(data: unknown): Shown {
  return rebuild(data, { nodes: MAX_SHOWN_NODES }, 0);
}

function rebuild(data: unknown, budget: Budget, depth: number): Shown {
  if (budget.nodes <= 0 || depth > MAX_SHOWN_DEPTH) return { kind: "deep" };
  budget.nodes -= 1;
  if (typeof data !== "object" || data === null) return { kind: "undefined" };
  const node = data as Record<string, unknown>;
  const kind = node.kind;
  if (typeof kind !== "string") return { kind: "undefined" };
  if (leafKinds.has(kind)) return { kind } as Shown;
  const child = (value: unknown): Shown => rebuild(value, budget, depth + 1);
  switch (kind) {
    case "boolean":
      return { kind, value: node.value === true };
    case "number":
      return { kind, value: typeof node.value === "number" ? node.value : Number.NaN };
    case "bigint":
      return { kind, value: /^-?\d{1,400}$/.test(text(node.value)) ? text(node.value) : "0" };
    case "string":
      return { kind, value: text(node.value), omitted: count(node.omitted) };
    case "symbol":
      return { kind, description: text(node.description, 200) };
    case "function":
      return { kind, name: text(node.name, 200) };
    case "date":
      return { kind, iso: text(node.iso, 40) };
    case "error":
      return { kind, name: text(node.name, 200), message: text(node.message) };
    case "array":
      return { kind, items: list(node.items).map(child), length: count(node.length) };
    case "set":
      return { kind, items: list(node.items).map(child), size: count(node.size) };
    case "object":
      return {
        kind,
        className: text(node.className, 200),
        entries: list(node.entries).map((entry) => [text(list(entry)[0], 200), child(list(entry)[1])]),
        omitted: count(node.omitted),
      };
    case "map":
      return {
        kind,
        entries: list(node.entries).map((entry) => [child(list(entry)[0]), child(list(entry)[1])]),
        size: count(node.size),
      };
    default:
      return { kind: "undefined" };
  }
}

/**
 * The plain data a widget receives for a shown value: numbers, strings,
 * arrays and objects as they were; a bigint as a number when it is exact,
 * else its digits; a date as its ISO text; a function as its name; a map as
 * an object keyed by each key's text; a set as an array.
 */
export function sandboxValueFromShown(shown: Shown): SandboxValue {
  switch (shown.kind) {
    case "undefined":
    case "circular":
    case "deep":
    case "symbol":
      return undefined;
    case "null":
      return null;
    case "boolean":
    case "number":
      return shown.value;
    case "bigint": {
      const asNumber = Number(shown.value);
      return Number.isSafeInteger(asNumber) ? asNumber : shown.value;
    }
    case "string":
      return shown.value;
    case "date":
      return shown.iso;
    case "function":
      return { kind: "function", name: shown.name };
    case "error":
      return { name: shown.name, message: shown.message };
    case "array":
    case "set":
      return shown.items.map(sandboxValueFromShown);
    case "object":
      return Object.fromEntries(
        shown.entries.map(([key, value]) => [key, sandboxValueFromShown(value)]),
      );
    case "map":
      return Object.fromEntries(
        shown.entries.map(([key, value]) => [keyText(key), sandboxValueFromShown(value)]),
      );
  }
}

function keyText(key: Shown): string {
  if (key.kind === "string" || key.kind === "bigint") return key.value;
  if (key.kind === "number" || key.kind === "boolean") return String(key.value);
  return key.kind;
}
