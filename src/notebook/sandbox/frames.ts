/**
 * Runs inside the sandbox worker: finds, in an error's stack, the frames
 * that lie in the run's own scripts, named by the sourceURL the worker gives
 * them. Frames in the cost module or the worker's code are skipped.
 */
import type { ScriptPosition } from "../protocol";

/**
 * Lines above a script's first line in the function V8 builds from it: the
 * function's head takes two, the "use strict" line one.
 */
export const HEAD_LINES = 3;

/** The names stack traces give the evaluated scripts (via sourceURL). */
export const SCRIPT_URLS = { snippet: "crux-snippet.js", probe: "crux-probe.js" } as const;

/** Positions in the run's scripts, from an error's stack, innermost first. */
export function framesOf(error: unknown): ScriptPosition[] {
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
    const script = match[1] === "crux-probe" ? "probe" : "snippet";
    frames.push({ script, line, column: Number(match[3]) });
  }
  return frames;
}
