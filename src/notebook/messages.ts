/**
 * What the notebook says to a reader when a run does not go to plan. Each
 * message says what happened, where, and what to do next.
 */

/** The watchdog's limit on one run, in milliseconds (2 seconds). */
export const RUN_TIMEOUT_MS = 2 * 1000;

/** Levenshtein distance between two short names. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidate closest to `name` when it is a plausible typo, else null. */
export function closestName(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const lower = distance(name.toLowerCase(), candidate.toLowerCase());
    if (lower < bestDistance) {
      best = candidate;
      bestDistance = lower;
    }
  }
  const allowed = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= allowed ? best : null;
}

/** "line 3, column 8" for a 1-based position. */
export function positionText(line: number, column: number): string {
  return `line ${line}, column ${column}`;
}

/**
 * A runtime error in the reader's words: the thrown error's name and
 * message, with the known runaway cases explained.
 */
export function runtimeErrorText(name: string, message: string): string {
  if (name === "RangeError" && /call stack/i.test(message)) {
    return (
      "The code recursed too deeply: a function kept calling itself and ran out of stack " +
      `(${message}). Give the recursion a case where it stops.`
    );
  }
  if (
    /allocation failed|invalid (array|array buffer|string|typed array) length|out of memory/i.test(
      message,
    )
  ) {
    return (
      "The code asked for more memory than the sandbox allows " +
      `(${name ? `${name}: ` : ""}${message}). Make the array or string smaller.`
    );
  }
  if (name === "" || name === "Error") return message === "" ? "An error was thrown." : message;
  return `${name}: ${message}`;
}

/** What the reader is told when the watchdog stops a run. */
export function timeoutText(limitMs: number = RUN_TIMEOUT_MS): string {
  const seconds = limitMs / 1000;
  return (
    `Stopped after ${seconds} ${seconds === 1 ? "second" : "seconds"}: the code was still running. ` +
    "A loop that never ends (while (true) {}) or an await that never resolves does this. " +
    "Your edit is kept; change it and run again."
  );
}

/** What the reader is told when the sandbox itself gave up on a run. */
export function crashText(): string {
  return (
    "The sandbox had to stop this run before it finished. Most often the code asked for " +
    "more memory than the sandbox has (a huge array, string or buffer), or sent more " +
    "output than the page can take (console.log in a long loop). Make the data smaller or " +
    "log less, then run again. Your edit is kept."
  );
}

/** What a run's output left out, counted by kind. */
export interface LeftOut {
  consoleLines: number;
  exports: number;
  reports: number;
}

function counted(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/**
 * The note under output that was too big to show whole: what was left out,
 * and how to see less of it at a time.
 */
export function leftOutText(leftOut: LeftOut): string {
  const parts = [
    leftOut.consoleLines > 0 ? counted(leftOut.consoleLines, "console line", "console lines") : "",
    leftOut.exports > 0 ? counted(leftOut.exports, "export", "exports") : "",
    leftOut.reports > 0
      ? counted(leftOut.reports, "report to the widget", "reports to the widget")
      : "",
  ].filter((part) => part !== "");
  const list =
    parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
  const verb = parts.length === 1 && /^1 /.test(list ?? "") ? "was" : "were";
  return (
    `${list ?? "Some output"} ${verb} left out: ` +
    "this run printed more than the page shows for one run. Log a summary, or a few rows (rows.slice(0, 10)), to see it all."
  );
}

/** The note for timers still waiting when the run had to end. */
export function pendingText(timers: number, graceMs: number): string {
  const what = timers === 1 ? "1 timer was" : `${timers} timers were`;
  return (
    `The run ended before its scheduled work: ${what} still waiting ` +
    `${(graceMs / 1000).toLocaleString("en-US")} seconds after the code's last line, so ` +
    `${timers === 1 ? "it" : "they"} never ran. ` +
    "To see what a setTimeout or setInterval does, await it: " +
    "await new Promise((resolve) => setTimeout(resolve, ms))."
  );
}
