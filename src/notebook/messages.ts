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
  if (/allocation failed|invalid (array|string|typed array) length|out of memory/i.test(message)) {
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
    "The sandbox stopped this run: it ran out of memory or produced more output than the " +
    "page can take. Your edit is kept; change it and run again."
  );
}
