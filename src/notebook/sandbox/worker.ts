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
import type { ConsoleLevel, ScriptPosition, WorkerEvent, WorkerStart } from "../protocol";
import { describeValue, messageOf } from "./describe";

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
/** Probe reports sent per run; the rest are dropped. */
const MAX_REPORTS = 10_000;
/**
 * Lines above a script's first line in the function V8 builds from it: the
 * function's head takes two, the "use strict" line one.
 */
const HEAD_LINES = 3;
/** The names stack traces give the evaluated scripts (via sourceURL). */
const SCRIPT_URLS = { snippet: "crux-snippet.js", probe: "crux-probe.js" } as const;

const scope = self as unknown as WorkerScope;
const apply = Reflect.apply;
const portPost = MessagePort.prototype.postMessage;
const now = performance.now.bind(performance);
const FunctionClass = Function;
const AsyncFunctionClass = Object.getPrototypeOf(async () => {}).constructor as FunctionConstructor;

let port: MessagePort | null = null;
let consoleCalls = 0;
let reports = 0;

function send(event: WorkerEvent): void {
  if (!port) return;
  try {
    apply(portPost, port, [event]);
  } catch {
    // A value that cannot be cloned was already described; nothing else to do.
  }
}

/** Positions in the run's scripts, from an error's stack, innermost first. */
function framesOf(error: unknown): ScriptPosition[] {
  let stack = "";
  try {
    stack = error instanceof Error ? String(error.stack ?? "") : "";
  } catch {
    return [];
  }
  const frames: ScriptPosition[] = [];
  const pattern = /(crux-snippet|crux-probe)\.js:(\d+):(\d+)/g;
  for (const match of stack.matchAll(pattern)) {
    const line = Number(match[2]) - HEAD_LINES;
    if (line < 1) continue;
    frames.push({ script: match[1] === "crux-probe" ? "probe" : "snippet", line, column: Number(match[3]) });
  }
  return frames;
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

function sendError(phase: "snippet" | "probe" | "callback", error: unknown): void {
  const isError = error instanceof Error;
  send({
    kind: "error",
    phase,
    name: isError ? String(error.name) : "",
    message: messageOf(error),
    frames: framesOf(error),
  });
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
    target[method] = (...args: unknown[]): void => {
      consoleCalls += 1;
      if (consoleCalls > MAX_CONSOLE_CALLS) return;
      const shownArgs = level === "table" ? args.slice(0, 1) : args;
      send({ kind: "console", level, args: shownArgs.map((arg) => describeValue(arg, 2_000)) });
    };
  }
}

function report(value: unknown): void {
  reports += 1;
  if (reports <= MAX_REPORTS) send({ kind: "report", value: describeValue(value) });
}

let currentInput: unknown;
let probeFunction: unknown;

async function finish(namespace: Record<string, unknown>): Promise<void> {
  const entries = Object.keys(namespace).map((name): [string, ReturnType<typeof describeValue>] => [
    name,
    describeValue(namespace[name]),
  ]);
  send({ kind: "exports", entries });
  if (typeof probeFunction !== "function") return;
  try {
    const value: unknown = await probeFunction(namespace, cost, currentInput, report);
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
  evaluate("probe", false, ["require", "module", "exports"], code)(requireCost, module, module.exports);
  probeFunction = module.exports.default;
}

async function runSnippet(start: WorkerStart): Promise<void> {
  if (start.format === "esm") {
    await evaluate("snippet", true, ["__crux"], start.code)({ cost, finish } satisfies CruxApi);
    return;
  }
  const module = { exports: {} as Record<string, unknown> };
  evaluate("snippet", false, ["require", "module", "exports"], start.code)(
    requireCost,
    module,
    module.exports,
  );
  await finish(module.exports);
}

async function run(start: WorkerStart): Promise<void> {
  currentInput = start.input;
  installConsole();
  const began = now();
  try {
    loadProbe(start.probe);
    await runSnippet(start);
  } catch (error) {
    if (!(error instanceof ProbeFailed)) sendError("snippet", error);
  }
  if (consoleCalls > MAX_CONSOLE_CALLS) {
    send({ kind: "dropped", count: consoleCalls - MAX_CONSOLE_CALLS });
  }
  send({ kind: "done", ms: now() - began });
}

scope.addEventListener("error", (event) => {
  event.preventDefault();
  sendError("callback", (event as ErrorEvent).error ?? (event as ErrorEvent).message);
});

scope.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  sendError("callback", (event as PromiseRejectionEvent).reason);
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
    cost.sessionCost({ model: "gpt-5", turns: 2, prefixTokens: 10, growthTokensPerTurn: 5, outputTokensPerTurn: 5 });
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
