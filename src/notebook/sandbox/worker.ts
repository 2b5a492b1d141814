/**
 * The sandbox worker's own code, built by Vite into one classic script
 * (`?worker&url`) that the runner frame starts as a blob worker, a fresh one
 * for every run. It holds the cost module, waits for one run message,
 * evaluates the compiled snippet (and probe), and reports over the private
 * port it was handed: console output, exports, the probe's result and
 * reports, errors.
 *
 * Reader code shares this global scope, so everything the reporting needs
 * is captured before that code runs.
 */
import * as cost from "cost";
import {
  eventToWire,
  MAX_ARGS,
  MAX_EXPORTS,
  RUN_NODE_BUDGET,
  type ConsoleLevel,
  type ErrorPhase,
  type WorkerEvent,
  type WorkerStart,
} from "../protocol";
import type { Shown } from "../shown";
import { describeValue, messageOf } from "./describe";
import { framesOf, SCRIPT_URLS } from "./frames";

/** What a classic dedicated worker has beyond the DOM typings. */
interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  addEventListener(type: string, listener: (event: Event) => void): void;
}

/** What a bundled ("esm") run script sees as its `__crux` parameter. */
interface CruxApi {
  cost: typeof cost;
  finish(namespace: Record<string, unknown>): Promise<void>;
}

/** Console calls sent per run; the rest are counted. */
const MAX_CONSOLE_CALLS = 500;
/** Most nodes one console argument may take of the run's budget. */
const CONSOLE_ARG_NODES = 2_000;
/** Probe reports sent per run; the rest are counted. */
const MAX_REPORTS = 10_000;
/**
 * How long timers the top level left behind may go on running after it
 * finished (half a second), so their console output and errors show.
 */
const PENDING_GRACE_MS = 500;
/** Time kept free before the frame's limit, so the grace never meets it (0.3 s). */
const GRACE_MARGIN_MS = 300;
/** How often the grace looks whether every timer has run (5 ms). */
const POLL_MS = 5;

const scope = self as unknown as WorkerScope;
const globals = self as unknown as Record<string, unknown>;
const apply = Reflect.apply;
const portPost = MessagePort.prototype.postMessage;
const now = performance.now.bind(performance);
const FunctionClass = Function;
const AsyncFunctionClass = Object.getPrototypeOf(async () => {}).constructor as FunctionConstructor;
const nativeSetTimeout = setTimeout;
const nativeSetInterval = setInterval;
const nativeClearTimeout = clearTimeout;

let port: MessagePort | null = null;
let consoleCalls = 0;
let reports = 0;
/** What is left of the run's output budget. */
const budget = { nodes: RUN_NODE_BUDGET };
/** What the budget and the limits left out, told to the page at the end. */
const leftOut = { consoleLines: 0, exports: 0, reports: 0 };
/** Timers reader code set that have not run (or been cleared) yet. */
const pendingTimers = new Set<unknown>();

function send(event: WorkerEvent): void {
  if (!port) return;
  try {
    // "done" stays an object: the frame reads it to end the run.
    apply(portPost, port, [event.kind === "done" ? event : eventToWire(event)]);
  } catch {
    // Everything sent was described first; nothing else to do.
  }
}

/** A function from a compiled script, named for stack traces. */
function evaluate(
  kind: "snippet" | "probe",
  async: boolean,
  params: string[],
  code: string,
): (...args: unknown[]) => unknown {
  const body = `"use strict";\n${code}\n//# sourceURL=${SCRIPT_URLS[kind]}`;
  const Maker = async ? AsyncFunctionClass : FunctionClass;
  return new Maker(...params, body) as (...args: unknown[]) => unknown;
}

function sendError(phase: ErrorPhase, error: unknown): void {
  const isError = error instanceof Error;
  send({
    kind: "error",
    phase,
    name: isError ? String(error.name) : "",
    message: messageOf(error),
    frames: framesOf(error),
  });
}

function logCall(level: ConsoleLevel, args: unknown[]): void {
  consoleCalls += 1;
  if (consoleCalls > MAX_CONSOLE_CALLS || budget.nodes <= 0) {
    leftOut.consoleLines += 1;
    return;
  }
  const shownArgs = (level === "table" ? args.slice(0, 1) : args).slice(0, MAX_ARGS);
  const described: Shown[] = [];
  // Arguments past the budget are left off the line, not sent as empty markers.
  for (const arg of shownArgs) {
    if (budget.nodes <= 0) break;
    described.push(describeValue(arg, budget, CONSOLE_ARG_NODES));
  }
  send({ kind: "console", level, args: described });
}

function installConsole(): void {
  const levels: Record<string, ConsoleLevel> = {
    log: "log",
    info: "info",
    warn: "warn",
    error: "error",
    debug: "debug",
    trace: "debug",
    dir: "log",
    table: "table",
  };
  const target = console as unknown as Record<string, unknown>;
  for (const [method, level] of Object.entries(levels)) {
    target[method] = (...args: unknown[]): void => logCall(level, args);
  }
}

/** Runs a timer's handler as the browser would: a function, or code as text. */
function callHandler(handler: unknown, args: unknown[]): void {
  if (typeof handler === "function") apply(handler, undefined, args);
  else new FunctionClass(String(handler))();
}

/**
 * Wraps the timer functions so the worker knows which timers are still to
 * run when the top level finishes. A handler that throws reaches the
 * worker's error listener, which reports it as a callback's error.
 */
function trackTimers(): void {
  globals.setTimeout = (handler: unknown, delay?: number, ...args: unknown[]): unknown => {
    const id: unknown = apply(nativeSetTimeout, self, [
      () => {
        pendingTimers.delete(id);
        callHandler(handler, args);
      },
      delay,
    ]);
    pendingTimers.add(id);
    return id;
  };
  globals.setInterval = (handler: unknown, delay?: number, ...args: unknown[]): unknown => {
    const id: unknown = apply(nativeSetInterval, self, [() => callHandler(handler, args), delay]);
    pendingTimers.add(id);
    return id;
  };
  // Timeouts and intervals share one list of ids, so either clear stops either.
  const clear = (id: unknown): void => {
    pendingTimers.delete(id);
    apply(nativeClearTimeout, self, [id]);
  };
  globals.clearTimeout = clear;
  globals.clearInterval = clear;
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => apply(nativeSetTimeout, self, [resolve, ms]));
}

/**
 * Lets the work the top level left behind go on for up to `graceMs`: timers
 * run, and the promises they settle, and a rejection nobody handled is
 * reported. Resolves with how many timers were still waiting at the end.
 */
async function settlePending(graceMs: number): Promise<number> {
  const deadline = now() + graceMs;
  // One task first: unhandled rejections are reported between tasks.
  await wait(0);
  while (pendingTimers.size > 0 && now() < deadline) {
    await wait(Math.min(POLL_MS, Math.max(0, deadline - now())));
  }
  await wait(0);
  return pendingTimers.size;
}

function report(value: unknown): void {
  reports += 1;
  if (reports > MAX_REPORTS || budget.nodes <= 0) {
    leftOut.reports += 1;
    return;
  }
  send({ kind: "report", value: describeValue(value, budget) });
}

let currentInput: unknown;
let probeFunction: unknown;

function describeExports(namespace: Record<string, unknown>): [string, Shown][] {
  const names = Object.keys(namespace);
  const entries: [string, Shown][] = [];
  for (const name of names.slice(0, MAX_EXPORTS)) {
    if (budget.nodes <= 0) break;
    entries.push([name, describeValue(namespace[name], budget)]);
  }
  leftOut.exports += names.length - entries.length;
  return entries;
}

async function finish(namespace: Record<string, unknown>): Promise<void> {
  send({ kind: "exports", entries: describeExports(namespace) });
  if (typeof probeFunction !== "function") return;
  try {
    const value: unknown = await probeFunction(namespace, cost, currentInput, report);
    // The probe's one answer drives a widget: it has its own cap, not the run's budget.
    send({ kind: "probe", value: describeValue(value) });
  } catch (error) {
    sendError("probe", error);
    throw new ProbeFailed();
  }
}

/** Marks a probe failure already reported, so it is not reported twice. */
class ProbeFailed extends Error {}

function requireCost(path: unknown): unknown {
  if (path === "cost") return cost;
  throw new Error(`Only "cost" can be imported in a Crux snippet, not "${String(path)}".`);
}

/** Loads the probe's CommonJS module and keeps its default export. */
function loadProbe(code: string | null): void {
  if (code === null) return;
  const module = { exports: {} as Record<string, unknown> };
  evaluate(
    "probe",
    false,
    ["require", "module", "exports"],
    code,
  )(requireCost, module, module.exports);
  probeFunction = module.exports.default;
}

async function runSnippet(start: WorkerStart): Promise<void> {
  if (start.format === "esm") {
    await evaluate("snippet", true, ["__crux"], start.code)({ cost, finish } satisfies CruxApi);
    return;
  }
  const module = { exports: {} as Record<string, unknown> };
  evaluate(
    "snippet",
    false,
    ["require", "module", "exports"],
    start.code,
  )(requireCost, module, module.exports);
  await finish(module.exports);
}

async function run(start: WorkerStart): Promise<void> {
  currentInput = start.input;
  installConsole();
  trackTimers();
  const began = now();
  try {
    loadProbe(start.probe);
    await runSnippet(start);
  } catch (error) {
    if (!(error instanceof ProbeFailed)) sendError("snippet", error);
  }
  const ms = now() - began;

  const limit = typeof start.limitMs === "number" ? start.limitMs : PENDING_GRACE_MS;
  const graceMs = Math.max(0, Math.min(PENDING_GRACE_MS, limit - GRACE_MARGIN_MS - ms));
  const waiting = await settlePending(graceMs);
  if (waiting > 0) send({ kind: "pending", timers: waiting, graceMs: Math.round(graceMs) });
  if (leftOut.consoleLines + leftOut.exports + leftOut.reports > 0) {
    send({ kind: "left-out", ...leftOut });
  }
  send({ kind: "done", ms });
}

scope.addEventListener("error", (event) => {
  event.preventDefault();
  sendError("callback", (event as ErrorEvent).error ?? (event as ErrorEvent).message);
});

scope.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  sendError("rejection", (event as PromiseRejectionEvent).reason);
});

/**
 * Runs a little of everything a snippet run calls, while this worker waits
 * as the spare: V8 compiles functions on their first call, and that cost
 * belongs here, not in the reader's run.
 */
function warmUp(): void {
  try {
    const usd = cost.costOf({ inputTokens: 1_000, outputTokens: 100 }, "claude-sonnet-4.5");
    cost.formatUsd(usd);
    cost.sessionCost({
      model: "gpt-5",
      turns: 2,
      prefixTokens: 10,
      growthTokensPerTurn: 5,
      outputTokensPerTurn: 5,
    });
    describeValue({ rows: [{ model: "gpt-5", usd }], at: new Date(0), seen: new Map([[1, 2n]]) });
  } catch {
    // Warming is an optimisation; a run reports its own errors.
  }
}

warmUp();

scope.onmessage = (event: MessageEvent) => {
  scope.onmessage = null;
  port = event.ports[0] ?? null;
  void run(event.data as WorkerStart);
};
