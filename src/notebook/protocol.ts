/**
 * The messages between the page, the sandbox runner frame and the worker a
 * run executes in. Page → frame messages are ours; everything coming back
 * passed through code the reader (or a shared link) wrote, so the page reads
 * it only through `frameMessageFromUntrusted`.
 */
import { shownFromUntrusted, type Shown } from "./shown";

export type ConsoleLevel = "log" | "info" | "warn" | "error" | "debug" | "table";

/** A position in one of a run's compiled scripts: 1-based line and column. */
export interface ScriptPosition {
  script: "snippet" | "probe";
  line: number;
  column: number;
}

/** What the worker reports while a run goes on. */
export type WorkerEvent =
  | { kind: "console"; level: ConsoleLevel; args: Shown[] }
  /**
   * What the run's output budget (RUN_NODE_BUDGET) or the limits on calls,
   * arguments and exports left out: counted, not sent.
   */
  | { kind: "left-out"; consoleLines: number; exports: number; reports: number }
  /** Timers still waiting when the grace after the top level ran out. */
  | { kind: "pending"; timers: number; graceMs: number }
  | { kind: "exports"; entries: [string, Shown][] }
  | { kind: "report"; value: Shown }
  | { kind: "probe"; value: Shown }
  | {
      kind: "error";
      /**
       * Where it was thrown: the snippet's own run, the widget's probe, a
       * callback (a timer, say), or a promise nobody handled the rejection of.
       */
      phase: ErrorPhase;
      name: string;
      message: string;
      /** Stack frames inside the compiled run script, innermost first. */
      frames: ScriptPosition[];
    }
  /** The snippet (and its probe) finished; `ms` is the time they took. */
  | { kind: "done"; ms: number };

export type ErrorPhase = "snippet" | "probe" | "callback" | "rejection";

/** How a run ended, as the frame saw it. */
export type RunStatus = "done" | "timeout" | "crashed";

/** What the worker receives to start a run (see `CompiledRun`). */
export interface WorkerStart {
  format: "cjs" | "esm";
  code: string;
  /** The probe as CommonJS, or null when no widget set one. */
  probe: string | null;
  input: unknown;
  /** Milliseconds the frame lets the run go on, so the worker can end it first. */
  limitMs: number;
}

export type PageToFrame =
  | { type: "crux:boot"; script: string }
  | { type: "crux:run"; runId: number; start: WorkerStart; timeoutMs: number }
  | { type: "crux:stop"; runId: number };

export type FrameToPage =
  | { type: "crux:ready" }
  /** On the wire `event` is the JSON text `eventToWire` made; read, it is the event. */
  | { type: "crux:event"; runId: number; event: WorkerEvent }
  | { type: "crux:end"; runId: number; status: RunStatus };

const levels = new Set<string>(["log", "info", "warn", "error", "debug", "table"]);
const phases = new Set<string>(["snippet", "probe", "callback", "rejection"]);
const statuses = new Set<string>(["done", "timeout", "crashed"]);

/** Most stack frames kept from one error. */
const MAX_FRAMES = 32;
/** Most console arguments kept from one call. */
export const MAX_ARGS = 32;
/** Most exports kept from one snippet. */
export const MAX_EXPORTS = 200;

/**
 * Tree nodes one run may show in all: console lines, exports and probe
 * reports share it. The worker stops describing values once it is spent,
 * and the page counts again, so a worker that overspends is cut off too.
 * 40,000 nodes are about 2 MB of JSON for the page to read; 100,000,
 * sent as cloned objects, froze it for seconds on a two-core machine.
 */
export const RUN_NODE_BUDGET = 40_000;
/** Characters of a string that weigh as much as one node. */
export const STRING_CHARS_PER_NODE = 100;

/** Nodes left to spend on a run's output (or on one value). */
export interface NodeBudget {
  nodes: number;
}

/** The nodes a shown string weighs: one, and one more per 100 characters. */
export function stringCost(text: string): number {
  return 1 + Math.floor(text.length / STRING_CHARS_PER_NODE);
}

/** The nodes a shown tree weighs, counted as the worker spends them. */
export function shownCost(shown: Shown): number {
  switch (shown.kind) {
    case "string":
      return stringCost(shown.value);
    case "array":
    case "set":
      return shown.items.reduce((sum, item) => sum + shownCost(item), 1);
    case "object":
      return shown.entries.reduce((sum, [, item]) => sum + shownCost(item), 1);
    case "map":
      return shown.entries.reduce((sum, [key, item]) => sum + shownCost(key) + shownCost(item), 1);
    default:
      return 1;
  }
}

/**
 * Longest event text the page reads (8 million characters). The worker's
 * budget keeps a whole run's output well under it; a longer one is dropped
 * unread.
 */
export const MAX_EVENT_CHARS = 8_000_000;

/** Where JSON has no number: NaN, ±Infinity and -0 travel as this marker. */
const NUMBER_MARK = "$number";

const stringify = JSON.stringify;
const isFiniteNumber = Number.isFinite;
const same = Object.is;

/**
 * A worker event as JSON text. The frame and the page both handle every
 * message on the page's thread; a string is copied whole, where a tree of
 * thousands of little objects is rebuilt one object at a time, and that
 * froze the page for seconds on big output.
 */
export function eventToWire(event: WorkerEvent): string {
  return stringify(event, (_key, value: unknown) =>
    typeof value === "number" && (!isFiniteNumber(value) || same(value, -0))
      ? { [NUMBER_MARK]: same(value, -0) ? "-0" : `${value}` }
      : value,
  );
}

/** Reads `eventToWire`'s text back into data (still untrusted); null if it is not that. */
export function eventFromWire(text: string): unknown {
  if (text.length > MAX_EVENT_CHARS) return null;
  try {
    return JSON.parse(text, (_key, value: unknown) => {
      if (typeof value !== "object" || value === null || !(NUMBER_MARK in value)) return value;
      return Number((value as Record<string, unknown>)[NUMBER_MARK]);
    });
  } catch {
    return null;
  }
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

function wholeNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function shortText(value: unknown, limit: number): string {
  return typeof value === "string" ? value.slice(0, limit) : "";
}

/**
 * Reads a message that claims to come from the runner frame. Returns null
 * for anything that is not one of the shapes in `FrameToPage`; rebuilds the
 * rest field by field, so nothing unexpected reaches the page.
 */
export function frameMessageFromUntrusted(data: unknown): FrameToPage | null {
  const message = record(data);
  if (!message) return null;
  if (message.type === "crux:ready") return { type: "crux:ready" };
  const runId = wholeNumber(message.runId);
  if (runId === null) return null;
  if (message.type === "crux:end") {
    const status = message.status;
    if (typeof status !== "string" || !statuses.has(status)) return null;
    return { type: "crux:end", runId, status: status as RunStatus };
  }
  if (message.type === "crux:event") {
    const data = typeof message.event === "string" ? eventFromWire(message.event) : message.event;
    const event = workerEventFromUntrusted(data);
    return event ? { type: "crux:event", runId, event } : null;
  }
  return null;
}

/** Reads one worker event; null when it is not one of `WorkerEvent`'s shapes. */
export function workerEventFromUntrusted(data: unknown): WorkerEvent | null {
  const event = record(data);
  if (!event) return null;
  switch (event.kind) {
    case "console": {
      const level =
        typeof event.level === "string" && levels.has(event.level) ? event.level : "log";
      const args = Array.isArray(event.args) ? event.args.slice(0, MAX_ARGS) : [];
      return { kind: "console", level: level as ConsoleLevel, args: args.map(shownFromUntrusted) };
    }
    case "left-out":
      return {
        kind: "left-out",
        consoleLines: wholeNumber(event.consoleLines) ?? 0,
        exports: wholeNumber(event.exports) ?? 0,
        reports: wholeNumber(event.reports) ?? 0,
      };
    case "pending":
      return {
        kind: "pending",
        timers: wholeNumber(event.timers) ?? 0,
        graceMs: wholeNumber(event.graceMs) ?? 0,
      };
    case "exports": {
      const entries = Array.isArray(event.entries) ? event.entries.slice(0, MAX_EXPORTS) : [];
      return {
        kind: "exports",
        entries: entries.map((entry): [string, Shown] => {
          const pair = Array.isArray(entry) ? entry : [];
          return [shortText(pair[0], 200), shownFromUntrusted(pair[1])];
        }),
      };
    }
    case "report":
    case "probe":
      return { kind: event.kind, value: shownFromUntrusted(event.value) };
    case "error":
      return errorEventFromUntrusted(event);
    case "done": {
      const ms = typeof event.ms === "number" && Number.isFinite(event.ms) ? event.ms : 0;
      return { kind: "done", ms: Math.max(0, ms) };
    }
    default:
      return null;
  }
}

function errorEventFromUntrusted(event: Record<string, unknown>): WorkerEvent {
  const phase =
    typeof event.phase === "string" && phases.has(event.phase) ? event.phase : "snippet";
  const frames = Array.isArray(event.frames) ? event.frames.slice(0, MAX_FRAMES) : [];
  return {
    kind: "error",
    phase: phase as ErrorPhase,
    name: shortText(event.name, 200),
    message: shortText(event.message, 4000),
    frames: frames.flatMap((frame): ScriptPosition[] => {
      const position = record(frame);
      const script = position?.script === "probe" ? "probe" : "snippet";
      const line = wholeNumber(position?.line);
      const column = wholeNumber(position?.column);
      return line && column ? [{ script, line, column }] : [];
    }),
  };
}
