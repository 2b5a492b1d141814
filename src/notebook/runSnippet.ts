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
  positionText,
  RUN_TIMEOUT_MS,
  runtimeErrorText,
  timeoutText,
} from "./messages";
import type { ConsoleLevel, WorkerEvent } from "./protocol";
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
export async function runSnippet(source: string, options: RunSnippetOptions = {}): Promise<RunResult> {
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
  let exports: [string, Shown][] | null = null;
  let probe: Shown | undefined;
  let failure: string | undefined;
  const onEvent = (event: WorkerEvent): void => {
    if (event.kind === "console") entries.push(event);
    else if (event.kind === "exports") exports = event.entries;
    else if (event.kind === "probe") probe = event.value;
    else if (event.kind === "report") options.onReport?.(event.value);
    else if (event.kind === "done") {
      // The bench reads these: time in the worker, and the trip there and back.
      performance.clearMeasures("crux:worker");
      performance.clearMarks("crux:done-event");
      performance.measure("crux:worker", { start: performance.now() - event.ms, duration: event.ms });
      performance.mark("crux:done-event");
    }
    else if (event.kind === "dropped") {
      entries.push({ kind: "note", message: `${event.count} more console lines were left out.` });
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
  const runMs = performance.now() - runStart;

  if (status !== "done") {
    const message = status === "timeout" ? timeoutText(timeoutMs) : crashText();
    entries.push({ kind: "error", title: status === "timeout" ? "Stopped" : "Sandbox stopped", message });
    return { status: "timeout", entries, exports, message, compileMs, runMs };
  }
  const result: RunResult = { status: failure ? "error" : "ok", entries, exports, compileMs, runMs };
  if (probe) result.probe = probe;
  if (failure) result.message = failure;
  return result;
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
