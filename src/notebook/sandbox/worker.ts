/**
 * The sandbox worker's own code, built by Vite into one classic script
 * (`?worker&url`) that the runner frame starts as a blob worker, a fresh one
 * for every run. It holds the cost module, waits for one run message, runs
 * the compiled snippet, and reports over the private port it was handed:
 * console output, exports, the widget probe's result and reports, errors.
 *
 * Reader code shares this global scope, so everything the reporting needs
 * is captured before that code runs.
 */
import * as cost from "cost";
import type { ConsoleLevel, ScriptPosition, WorkerEvent, WorkerStart } from "../protocol";
import { describeValue, messageOf } from "./describe";

/** What a classic dedicated worker has beyond the DOM typings. */
interface WorkerScope {
  importScripts(...urls: string[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  addEventListener(type: string, listener: (event: Event) => void): void;
  __cruxModule?: (crux: CruxApi) => Promise<void>;
}

/** What the compiled run script sees as its `__crux` parameter. */
interface CruxApi {
  cost: typeof cost;
  finish(namespace: Record<string, unknown>, probe: unknown): Promise<void>;
}

/** Console calls sent per run; the rest are counted. */
const MAX_CONSOLE_CALLS = 500;
/** Probe reports sent per run; the rest are dropped. */
const MAX_REPORTS = 10_000;

const scope = self as unknown as WorkerScope;
const apply = Reflect.apply;
const portPost = MessagePort.prototype.postMessage;
const now = performance.now.bind(performance);
const createUrl = URL.createObjectURL;
const BlobClass = Blob;

let port: MessagePort | null = null;
let snippetUrl = "";
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

/** Positions in the snippet's script, from an error's stack, innermost first. */
function framesOf(error: unknown): ScriptPosition[] {
  let stack = "";
  try {
    stack = error instanceof Error ? String(error.stack ?? "") : "";
  } catch {
    return [];
  }
  const frames: ScriptPosition[] = [];
  for (const line of stack.split("\n")) {
    const at = line.lastIndexOf(snippetUrl);
    if (!snippetUrl || at < 0) continue;
    const match = /^:(\d+):(\d+)/.exec(line.slice(at + snippetUrl.length));
    // The run script starts one line below the wrapper that opens it.
    if (match) frames.push({ line: Number(match[1]) - 1, column: Number(match[2]) });
  }
  return frames;
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

async function finish(namespace: Record<string, unknown>, probe: unknown): Promise<void> {
  const entries = Object.keys(namespace).map((name): [string, ReturnType<typeof describeValue>] => [
    name,
    describeValue(namespace[name]),
  ]);
  send({ kind: "exports", entries });
  if (typeof probe !== "function") return;
  try {
    const value: unknown = await probe(namespace, cost, currentInput, report);
    send({ kind: "probe", value: describeValue(value) });
  } catch (error) {
    sendError("probe", error);
    throw new ProbeFailed();
  }
}

/** Marks a probe failure already reported, so it is not reported twice. */
class ProbeFailed extends Error {}

let currentInput: unknown;

async function run(start: WorkerStart): Promise<void> {
  currentInput = start.input;
  installConsole();
  const wrapped = `self.__cruxModule = async function (__crux) { "use strict";\n${start.code}\n};`;
  snippetUrl = createUrl(new BlobClass([wrapped], { type: "text/javascript" }));
  const began = now();
  try {
    scope.importScripts(snippetUrl);
    const module = scope.__cruxModule;
    delete scope.__cruxModule;
    if (!module) throw new Error("the compiled snippet did not load");
    await module({ cost, finish });
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

scope.onmessage = (event: MessageEvent) => {
  scope.onmessage = null;
  port = event.ports[0] ?? null;
  void run(event.data as WorkerStart);
};
