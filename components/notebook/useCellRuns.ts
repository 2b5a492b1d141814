import { useCallback, useEffect, useRef, useState } from "react";
import type { RunResult } from "../../src/notebook/runSnippet";
import type { SandboxRun } from "../../src/notebook/sandbox";
import { sandboxValueFromShown } from "../../src/notebook/shown";
import { probeFor, publishRun, setRerunHandler } from "../../src/notebook/store";

/** How long typing pauses before a run-once snippet runs again (400 ms). */
const RERUN_DELAY_MS = 400;

export interface CellRuns {
  result: RunResult | null;
  /** Which run `result` is from, counting from 1 on this page; 0 before any. */
  resultRun: number;
  running: boolean;
  /** True once the reader has run the cell on this page. */
  hasRun: boolean;
  run(): void;
  /** Re-runs after a pause in typing, only once the reader has run the cell. */
  rerunSoon(): void;
  /**
   * Until the reader presses Run again, neither typing nor a widget re-runs
   * the cell: for code that arrived from a link.
   */
  holdUntilRun(): void;
}

/** The runtime's heavy parts (esbuild-wasm, the sandbox), loaded on first use. */
export const loadRuntime = (): Promise<typeof import("../../src/notebook/runSnippet")> =>
  import("../../src/notebook/runSnippet");

function failedStart(error: unknown): RunResult {
  const reason = error instanceof Error ? error.message : String(error);
  const message =
    `The notebook could not start its compiler or sandbox (${reason}). ` +
    "Check the connection and press Run again.";
  return {
    status: "error",
    entries: [{ kind: "error", title: "Could not run", message }],
    exports: null,
    message,
    compileMs: 0,
    runMs: 0,
  };
}

/**
 * Runs one cell: each run supersedes the one before (which is stopped),
 * is published to the store for widgets, runs the widget's probe, and,
 * after the reader's first run, registers how widgets can re-run it.
 */
export function useCellRuns(snippetId: string, currentCode: () => string): CellRuns {
  const [{ result, resultRun }, setResult] = useState<{
    result: RunResult | null;
    resultRun: number;
  }>({ result: null, resultRun: 0 });
  const [running, setRunning] = useState(false);
  const [hasRun, setHasRun] = useState(false);
  const latest = useRef(0);
  const active = useRef<SandboxRun | null>(null);
  const rerunTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const hasRunRef = useRef(false);

  const run = useCallback(async () => {
    clearTimeout(rerunTimer.current);
    const runId = ++latest.current;
    active.current?.stop();
    active.current = null;
    setRunning(true);
    const probe = probeFor(snippetId);
    let outcome: RunResult;
    try {
      const runtime = await loadRuntime();
      outcome = await runtime.runSnippet(currentCode(), {
        ...(probe ? { probe: probe.source, input: probe.input } : {}),
        onReport(value) {
          if (runId === latest.current) probe?.onReport?.(sandboxValueFromShown(value));
        },
        onStart(started) {
          if (runId === latest.current) active.current = started;
          else started.stop();
        },
      });
    } catch (error) {
      outcome = failedStart(error);
    }
    if (runId !== latest.current) return;
    active.current = null;
    setResult({ result: outcome, resultRun: runId });
    setRunning(false);
    if (!hasRunRef.current) {
      hasRunRef.current = true;
      setHasRun(true);
      setRerunHandler(snippetId, () => void runRef.current());
    }
    publishRun({
      snippetId,
      runId,
      status: outcome.status,
      exports: Object.fromEntries(
        (outcome.exports ?? []).map(([name, value]) => [name, sandboxValueFromShown(value)]),
      ),
      ...(outcome.probe ? { probe: sandboxValueFromShown(outcome.probe) } : {}),
      ...(outcome.message ? { message: outcome.message } : {}),
    });
  }, [snippetId, currentCode]);

  const runRef = useRef(run);
  runRef.current = run;

  const rerunSoon = useCallback(() => {
    if (!hasRunRef.current) return;
    clearTimeout(rerunTimer.current);
    rerunTimer.current = setTimeout(() => void runRef.current(), RERUN_DELAY_MS);
  }, []);

  const holdUntilRun = useCallback(() => {
    clearTimeout(rerunTimer.current);
    if (!hasRunRef.current) return;
    hasRunRef.current = false;
    setHasRun(false);
    setRerunHandler(snippetId, null);
  }, [snippetId]);

  useEffect(
    function unregisterOnUnmount() {
      return () => {
        clearTimeout(rerunTimer.current);
        active.current?.stop();
        setRerunHandler(snippetId, null);
      };
    },
    [snippetId],
  );

  return { result, resultRun, running, hasRun, run: () => void run(), rerunSoon, holdUntilRun };
}
