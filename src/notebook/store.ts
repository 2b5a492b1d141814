/**
 * The small store through which islands share snippet runs. Islands do not
 * share React context, so a snippet cell publishes each run here and the
 * widgets it feeds subscribe by the snippet's id.
 */

/** A value that crossed the sandbox boundary: plain data, functions named. */
export type SandboxValue =
  | null
  | undefined
  | boolean
  | number
  | string
  | { kind: "function"; name: string }
  | SandboxValue[]
  | { [key: string]: SandboxValue };

/** One finished run of a snippet, as the page received it. */
export interface SnippetRun {
  snippetId: string;
  /** Increases with every run of this snippet on this page. */
  runId: number;
  status: "ok" | "error" | "timeout";
  /** The snippet's exports, structured-cloned out of the sandbox. */
  exports: Record<string, SandboxValue>;
  /** What the registered probe returned for this run, if any. */
  probe?: SandboxValue;
  /** A learner-worded message when status is not "ok". */
  message?: string;
}

/**
 * Code a widget asks to run in the sandbox after the snippet, with the
 * snippet's live exports: `source` is a function expression
 * `(exports, cost, input, report) => value`; `report(event)` streams a value
 * to the widget while the probe runs (events arrive even if it never ends).
 */
export interface Probe {
  source: string;
  input?: SandboxValue;
  onReport?: (event: SandboxValue) => void;
}

type RunListener = (run: SnippetRun) => void;
type RerunHandler = () => void;

const lastRuns = new Map<string, SnippetRun>();
const listeners = new Map<string, Set<RunListener>>();
const probes = new Map<string, Probe>();
const rerunHandlers = new Map<string, RerunHandler>();

/** Called by a snippet cell when a run finishes. */
export function publishRun(run: SnippetRun): void {
  lastRuns.set(run.snippetId, run);
  for (const listener of listeners.get(run.snippetId) ?? []) listener(run);
}

/**
 * Calls `listener` with every run of `snippetId`, starting with the latest
 * one if there was one. Returns the unsubscribe function.
 */
export function subscribeRuns(snippetId: string, listener: RunListener): () => void {
  const set = listeners.get(snippetId) ?? new Set<RunListener>();
  listeners.set(snippetId, set);
  set.add(listener);
  const last = lastRuns.get(snippetId);
  if (last) listener(last);
  return () => set.delete(listener);
}

/**
 * A widget registers the probe to run after each run of `snippetId`, or
 * updates its input. If the reader has already run the snippet, it re-runs
 * at once with the new probe (code never runs before the reader's first Run).
 */
export function setProbe(snippetId: string, probe: Probe): void {
  probes.set(snippetId, probe);
  rerunHandlers.get(snippetId)?.();
}

/** The probe a snippet cell should run after its code, if a widget set one. */
export function probeFor(snippetId: string): Probe | undefined {
  return probes.get(snippetId);
}

/**
 * A snippet cell registers how to re-run itself once the reader has run it;
 * `null` unregisters (the reader has not run it, or the cell unmounted).
 */
export function setRerunHandler(snippetId: string, handler: RerunHandler | null): void {
  if (handler) rerunHandlers.set(snippetId, handler);
  else rerunHandlers.delete(snippetId);
}
