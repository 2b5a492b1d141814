/**
 * One run of a snippet, from source text to what the output pane shows:
 * compile with esbuild-wasm, run in the sandbox, and turn what came back
 * (console calls, exports, errors with positions in the compiled script)
 * into entries worded for a learner, positions mapped to the snippet.
 */
import * as costModule from "cost";
import {
  compileSnippet,
  locateFrames,
  type CompiledRun,
  type CompileProblem,
  type SourceName,
} from "./compile";
import { loadEsbuild } from "./esbuildLoader";
import {
  crashText,
  leftOutText,
  pendingText,
  positionText,
  RUN_TIMEOUT_MS,
  runtimeErrorText,
  timeoutText,
} from "./messages";
import { RUN_NODE_BUDGET, shownCost, type ConsoleLevel, type WorkerEvent } from "./protocol";
import { runInSandbox, warmSandbox, type SandboxRun } from "./sandbox";
import type { Shown } from "./shown";

/** The names snippets may import from "cost". */
export const costExports: readonly string[] = Object.keys(costModule).sort();

/** One line of the output pane. */
export type OutputEntry =
  | { kind: "console"; level: ConsoleLevel; args: Shown[] }
  | {
      kind: "error";
      /** Short heading: "Syntax error", "Runtime error", "Stopped", ... */
      title: string;
      message: string;
      /** Where in the reader's snippet (or the widget's probe), if known. */
      at?: { source: SourceName; line: number; column: number };
    }
  | { kind: "note"; message: string };

export interface RunResult {
  status: "ok" | "error" | "timeout";
  entries: OutputEntry[];
  /** The snippet's exports, or null when it never got that far. */
  exports: [string, Shown][] | null;
  /** What the widget's probe returned, if one ran. */
  probe?: Shown;
  /** A one-line summary of what went wrong, when status is not "ok". */
  message?: string;
  /** Milliseconds spent compiling, and running in the sandbox (wall clock). */
  compileMs: number;
  runMs: number;
}

export interface RunSnippetOptions {
  /** A widget's probe: a function expression run after the snippet. */
  probe?: string;
  /** The probe's input, cloned into the sandbox. */
  input?: unknown;
  /** Each value the probe passes to `report`, as it arrives. */
  onReport?(value: Shown): void;
  /** Called with the run once it started, so a newer run can stop it. */
  onStart?(run: SandboxRun): void;
  timeoutMs?: number;
}

/**
 * Nodes the page takes from one run before it stops listening: the worker's
 * budget, and room for the few markers it does not count.
 */
const PAGE_NODE_BUDGET = RUN_NODE_BUDGET + 1_000;

/**
 * The page's own count of a run's output. The worker keeps to its budget,
 * but reader code shares its scope and could get round it; past this one,
 * console lines, exports and reports are counted, not kept.
 */
export class OutputBudget {
  private spent = 0;
  readonly leftOut = { consoleLines: 0, exports: 0, reports: 0 };

  constructor(private readonly nodes: number = PAGE_NODE_BUDGET) {}

  /** True when `values` fit in what is left; they are then spent. */
  take(values: readonly Shown[]): boolean {
    let cost = 0;
    for (const value of values) cost += shownCost(value);
    if (this.spent + cost > this.nodes) return false;
    this.spent += cost;
    return true;
  }

  /** Adds what the worker said it left out. */
  add(counts: { consoleLines: number; exports: number; reports: number }): void {
    this.leftOut.consoleLines += counts.consoleLines;
    this.leftOut.exports += counts.exports;
    this.leftOut.reports += counts.reports;
  }

  /** The note for what was left out, or null when nothing was. */
  note(): OutputEntry | null {
    const { consoleLines, exports, reports } = this.leftOut;
    if (consoleLines + exports + reports === 0) return null;
    return { kind: "note", message: leftOutText(this.leftOut) };
  }
}

function compileEntry(problem: CompileProblem): OutputEntry {
  const title = /Only "cost" can be imported/.test(problem.message)
    ? "Import not available"
    : "The code does not compile";
  return {
    kind: "error",
    title: problem.source === "probe" ? "The widget's probe does not compile" : title,
    message: problem.message,
    at: { source: problem.source, line: problem.line, column: problem.column },
  };
}

/** Compiles and runs `source`; never rejects for anything the code does. */
export async function runSnippet(
  source: string,
  options: RunSnippetOptions = {},
): Promise<RunResult> {
  const compileStart = performance.now();
  const esbuild = await loadEsbuild();
  const compiled = await compileSnippet(esbuild, source, {
    costExports,
    ...(options.probe === undefined ? {} : { probe: options.probe }),
  });
  const compileMs = performance.now() - compileStart;
  if (!compiled.ok) {
    const entries = compiled.problems.map(compileEntry);
    const first = compiled.problems[0];
    return {
      status: "error",
      entries,
      exports: null,
      message: first ? `${first.message} (${positionText(first.line, first.column)})` : "",
      compileMs,
      runMs: 0,
    };
  }

  const entries: OutputEntry[] = [];
  const budget = new OutputBudget();
  let exports: [string, Shown][] | null = null;
  let probe: Shown | undefined;
  let failure: string | undefined;
  const onEvent = (event: WorkerEvent): void => {
    if (event.kind === "console") {
      if (budget.take(event.args)) entries.push(event);
      else budget.leftOut.consoleLines += 1;
    } else if (event.kind === "exports") {
      exports = keptExports(event.entries, budget);
    } else if (event.kind === "probe") probe = event.value;
    else if (event.kind === "report") {
      if (budget.take([event.value])) options.onReport?.(event.value);
      else budget.leftOut.reports += 1;
    } else if (event.kind === "done") markDone(event.ms);
    else if (event.kind === "left-out") budget.add(event);
    else if (event.kind === "pending") {
      entries.push({ kind: "note", message: pendingText(event.timers, event.graceMs) });
    } else if (event.kind === "error") {
      const entry = runtimeEntry(event, compiled);
      failure ??= entry.at
        ? `${entry.message} (${positionText(entry.at.line, entry.at.column)})`
        : entry.message;
      entries.push(entry);
    }
  };

  const runStart = performance.now();
  performance.clearMarks("crux:run-start");
  performance.mark("crux:run-start");
  const timeoutMs = options.timeoutMs ?? RUN_TIMEOUT_MS;
  const start = {
    format: compiled.format,
    code: compiled.snippet.code,
    probe: compiled.probe?.code ?? null,
    input: options.input,
  };
  const run = await runInSandbox(start, { timeoutMs, onEvent });
  options.onStart?.(run);
  const status = await run.finished;
  // From the moment the frame had the run: the time a reader's code had.
  const runMs = performance.now() - Math.max(runStart, run.startedAt ?? runStart);
  const leftOutNote = budget.note();
  if (leftOutNote) entries.push(leftOutNote);

  if (status !== "done") {
    const message = status === "timeout" ? timeoutText(timeoutMs) : crashText();
    entries.push({
      kind: "error",
      title: status === "timeout" ? "Stopped" : "Sandbox stopped",
      message,
    });
    return { status: "timeout", entries, exports, message, compileMs, runMs };
  }
  const result: RunResult = {
    status: failure ? "error" : "ok",
    entries,
    exports,
    compileMs,
    runMs,
  };
  if (probe) result.probe = probe;
  if (failure) result.message = failure;
  return result;
}

/** The exports that fit in the page's budget; the rest are counted. */
function keptExports(all: [string, Shown][], budget: OutputBudget): [string, Shown][] {
  const kept: [string, Shown][] = [];
  for (const entry of all) {
    if (budget.take([entry[1]])) kept.push(entry);
    else budget.leftOut.exports += 1;
  }
  return kept;
}

/** The bench reads these: time in the worker, and the trip there and back. */
function markDone(ms: number): void {
  performance.clearMeasures("crux:worker");
  performance.clearMarks("crux:done-event");
  performance.measure("crux:worker", { start: performance.now() - ms, duration: ms });
  performance.mark("crux:done-event");
}

function runtimeEntry(
  event: Extract<WorkerEvent, { kind: "error" }>,
  compiled: CompiledRun,
): Extract<OutputEntry, { kind: "error" }> {
  const at = locateFrames(event.frames, compiled);
  const titles = {
    snippet: "The code threw an error",
    probe: "The widget's probe threw an error",
    callback: "A callback threw an error",
    rejection: "A promise was rejected and nothing caught it",
  };
  const entry: Extract<OutputEntry, { kind: "error" }> = {
    kind: "error",
    title: titles[event.phase],
    message: runtimeErrorText(event.name, event.message),
  };
  if (at) entry.at = at;
  return entry;
}

/**
 * Starts the sandbox frame and esbuild, and compiles `source` once so the
 * wasm is warm: called in idle time after an editor opens, it makes the
 * reader's first Run about as quick as the ones after it.
 */
export async function warmRuntime(source: string): Promise<void> {
  warmSandbox();
  const esbuild = await loadEsbuild();
  await compileSnippet(esbuild, source, { costExports });
}
