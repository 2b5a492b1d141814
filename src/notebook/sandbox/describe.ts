/**
 * Runs inside the sandbox worker: turns any value a snippet logs or exports
 * into a Shown tree that can be structured-cloned to the page. It never
 * throws: a getter or proxy that throws is shown as the error it threw.
 */
import { STRING_CHARS_PER_NODE, stringCost, type NodeBudget } from "../protocol";
import { MAX_SHOWN_DEPTH, MAX_SHOWN_NODES, MAX_SHOWN_STRING, type Shown } from "../shown";

interface Walk {
  nodes: number;
  /** Objects on the path from the root, to spot cycles. */
  path: Set<object>;
}

/**
 * Shows `value`, spending at most `limit` tree nodes on it, taken from
 * `budget` (a run's whole output shares one). A string costs one node per
 * STRING_CHARS_PER_NODE characters kept, so long text counts as it weighs.
 */
export function describeValue(
  value: unknown,
  budget: NodeBudget = { nodes: MAX_SHOWN_NODES },
  limit = MAX_SHOWN_NODES,
): Shown {
  const state: Walk = { nodes: Math.max(0, Math.min(budget.nodes, limit)), path: new Set() };
  const before = state.nodes;
  const shown = walk(value, state, 0);
  budget.nodes -= before - state.nodes;
  return shown;
}

function walk(value: unknown, state: Walk, depth: number): Shown {
  if (state.nodes <= 0) return { kind: "deep" };
  state.nodes -= 1;
  if (depth > MAX_SHOWN_DEPTH) return { kind: "deep" };
  switch (typeof value) {
    case "undefined":
      return { kind: "undefined" };
    case "boolean":
      return { kind: "boolean", value };
    case "number":
      return { kind: "number", value };
    case "bigint":
      return { kind: "bigint", value: value.toString() };
    case "string": {
      const kept = value.slice(0, Math.min(MAX_SHOWN_STRING, stringRoom(state)));
      state.nodes -= stringCost(kept) - 1;
      return { kind: "string", value: kept, omitted: value.length - kept.length };
    }
    case "symbol":
      return { kind: "symbol", description: value.description ?? "" };
    case "function":
      return { kind: "function", name: functionName(value) };
  }
  if (value === null) return { kind: "null" };
  const object = value as object;
  if (state.path.has(object)) return { kind: "circular" };
  state.path.add(object);
  try {
    return walkObject(object, state, depth);
  } catch (error) {
    return { kind: "error", name: "Error", message: `could not be read: ${messageOf(error)}` };
  } finally {
    state.path.delete(object);
  }
}

/** Characters a string may keep out of the nodes left. */
function stringRoom(state: Walk): number {
  return (state.nodes + 1) * STRING_CHARS_PER_NODE - 1;
}

function walkObject(object: object, state: Walk, depth: number): Shown {
  const child = (item: unknown): Shown => walk(item, state, depth + 1);
  if (Array.isArray(object)) {
    const items: Shown[] = [];
    for (let i = 0; i < object.length && state.nodes > 0; i++) items.push(child(object[i]));
    return { kind: "array", items, length: object.length };
  }
  if (object instanceof Date) {
    const time = object.getTime();
    return { kind: "date", iso: Number.isNaN(time) ? "Invalid Date" : object.toISOString() };
  }
  if (object instanceof Error) {
    return { kind: "error", name: String(object.name), message: String(object.message) };
  }
  if (object instanceof Map) {
    const entries: [Shown, Shown][] = [];
    for (const [key, item] of object) {
      if (state.nodes <= 0) break;
      entries.push([child(key), child(item)]);
    }
    return { kind: "map", entries, size: object.size };
  }
  if (object instanceof Set) {
    const items: Shown[] = [];
    for (const item of object) {
      if (state.nodes <= 0) break;
      items.push(child(item));
    }
    return { kind: "set", items, size: object.size };
  }
  return walkPlain(object, state, child);
}

function walkPlain(object: object, state: Walk, child: (item: unknown) => Shown): Shown {
  const keys = Object.keys(object);
  const entries: [string, Shown][] = [];
  for (const key of keys) {
    if (state.nodes <= 0) break;
    let item: Shown;
    try {
      item = child((object as Record<string, unknown>)[key]);
    } catch (error) {
      item = { kind: "error", name: "Error", message: `could not be read: ${messageOf(error)}` };
    }
    entries.push([key, item]);
  }
  return {
    kind: "object",
    className: className(object),
    entries,
    omitted: keys.length - entries.length,
  };
}

function className(object: object): string {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype === null || prototype === Object.prototype) return "";
  const constructor = (prototype as { constructor?: unknown }).constructor;
  return typeof constructor === "function" ? functionName(constructor) : "";
}

function functionName(fn: unknown): string {
  try {
    const name = (fn as { name?: unknown }).name;
    return typeof name === "string" ? name.slice(0, 200) : "";
  } catch {
    return "";
  }
}

/** An error's message as text, whatever was thrown. */
export function messageOf(error: unknown): string {
  try {
    if (error instanceof Error) return String(error.message);
    return String(error);
  } catch {
    return "an unprintable value";
  }
}
