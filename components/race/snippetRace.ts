// The race driven by a reader's snippet. A probe runs in the notebook
// sandbox right after the snippet: it races the snippet's own `callModel`
// with the widget's settings and reports each step as it happens. All of
// that passed through reader code, so the page checks every step field by
// field, and rebuilds the race's outcome from the checked steps alone. A run
// the watchdog stopped thus still shows what happened before it did.
// Pure: no React, no DOM.

import {
  nanosFromUsd,
  usdFromNanos,
  type LlmRequest,
  type OpenHold,
  type RaceEvent,
  type RaceRequest,
  type RaceResult,
  type RaceStep,
  type RequestOutcome,
} from "cost";
import type { SandboxValue, SnippetRun } from "../../src/notebook/store";
import type { RaceScenario } from "./scenario";

/** The race settings a probe receives: a scenario without its guard. */
export type RaceInput = Omit<RaceScenario, "guard">;

/** Most steps a probe reports and the page animates; a runaway guard stops here. */
export const MAX_STEPS = 4_000;

/** Longest message kept from a step (an error the reader's code threw). */
const MAX_MESSAGE = 300;

/** What the probe throws when the snippet has no `callModel` to race. */
export const NO_CALL_MODEL =
  "The race calls the function your snippet exports as callModel, and it " +
  "exports none. Keep `export async function callModel(tenantId, req)`.";

/**
 * Runs in the sandbox after the snippet, with its live exports: reports
 * `{ kind: "race" }`, then each step of the race as `{ kind: "step", ... }`,
 * and returns how many steps the race took.
 */
export const RACE_PROBE = `async (exports, cost, input, report) => {
  const callModel = exports.callModel;
  if (typeof callModel !== "function") {
    throw new Error(${JSON.stringify(NO_CALL_MODEL)});
  }
  report({ kind: "race" });
  let steps = 0;
  const result = await cost.simulateRace(callModel, {
    ...input,
    onEvent(event) {
      steps += 1;
      if (steps <= ${MAX_STEPS}) report({ kind: "step", ...event });
    },
  });
  return { steps: result.trace.length };
}`;

/** The probe's input for a scenario: plain data the sandbox can clone. */
export function probeInputOf(scenario: RaceScenario): RaceInput {
  const { guard: _guard, ...input } = scenario;
  return input;
}

const STEPS: ReadonlySet<string> = new Set<RaceStep>([
  "start",
  "read",
  "check",
  "reserve",
  "deny",
  "call-start",
  "call-end",
  "call-fail",
  "add",
  "commit",
  "release",
  "done",
  "reject",
  "error",
  "stall",
]);

/** The most any amount in a step may be, in USD: far past any budget. */
const MAX_USD = 1e9;

function fieldsOf(value: SandboxValue | undefined): Record<string, SandboxValue> | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  return value as Record<string, SandboxValue>;
}

function isWhole(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** USD the exact ledger could hold: finite, ≥ 0, and within MAX_USD. */
function isUsd(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= MAX_USD;
}

/**
 * Collects the steps one probe reports, checking each as it arrives. A
 * `{ kind: "race" }` report starts a new race; a step out of order, or of
 * the wrong shape, ends the collection (what came before it is kept).
 */
export class StepCollector {
  #started = false;
  #steps: RaceEvent[] = [];
  #broken: string | null = null;

  constructor(private readonly requests: () => number) {}

  /** Takes one report from the probe; true when it starts a new race. */
  add(report: SandboxValue): boolean {
    const fields = fieldsOf(report);
    if (fields?.kind === "race") {
      this.#started = true;
      this.#steps = [];
      this.#broken = null;
      return true;
    }
    if (!this.#started || this.#broken !== null) return false;
    if (this.#steps.length >= MAX_STEPS) return false;

    const previous = this.#steps.at(-1);
    const step = stepFromUntrusted(
      fields,
      this.#steps.length,
      previous?.time ?? 0,
      this.requests(),
    );
    if (step) this.#steps.push(step);
    else this.#broken = `step ${this.#steps.length + 1} came back malformed`;
    return false;
  }

  /** What this run reported, and resets for the next. */
  take(): CollectedRace {
    const taken = { started: this.#started, steps: this.#steps, broken: this.#broken };
    this.#started = false;
    this.#steps = [];
    this.#broken = null;
    return taken;
  }
}

/** What one run's probe reported. */
export interface CollectedRace {
  /** Whether the probe reached the race (the snippet ran to its end). */
  readonly started: boolean;
  readonly steps: readonly RaceEvent[];
  /** Why collection stopped early, if a report was malformed. */
  readonly broken: string | null;
}

/**
 * One step as the page keeps it, or null unless `value` is a well-formed
 * step numbered `seq`, no earlier than `after` (virtual ms), of a request
 * below `requests`.
 */
export function stepFromUntrusted(
  value: SandboxValue | undefined,
  seq: number,
  after: number,
  requests: number,
): RaceEvent | null {
  const fields = fieldsOf(value);
  if (fields?.kind !== "step" || fields.seq !== seq) return null;
  const { time, request, step, usd, hold, ok, message, committed, held } = fields;
  if (!isWhole(time, after, Number.MAX_SAFE_INTEGER)) return null;
  if (!isWhole(request, 0, requests - 1)) return null;
  if (typeof step !== "string" || !STEPS.has(step)) return null;
  if (!isUsd(committed) || !isUsd(held)) return null;
  if (usd !== undefined && !isUsd(usd)) return null;
  if (hold !== undefined && !isWhole(hold, 1, Number.MAX_SAFE_INTEGER)) return null;
  if (ok !== undefined && typeof ok !== "boolean") return null;
  if (message !== undefined && typeof message !== "string") return null;

  return {
    seq,
    time,
    request,
    step: step as RaceStep,
    ...(usd === undefined ? {} : { usd }),
    ...(hold === undefined ? {} : { hold }),
    ...(ok === undefined ? {} : { ok }),
    ...(message === undefined ? {} : { message: message.slice(0, MAX_MESSAGE) }),
    committed,
    held,
  };
}

interface LaneTally {
  outcome: RequestOutcome | undefined;
  startedAt: number;
  endedAt: number;
  modelCalls: number;
  billed: bigint;
  message: string | undefined;
}

const ENDINGS: Partial<Record<RaceStep, RequestOutcome>> = {
  done: "ok",
  reject: "rejected",
  error: "error",
  stall: "stalled",
};

/**
 * What a race did, rebuilt from its steps: the same result simulateRace
 * returns for a whole trace. When `stopped` says why the race was cut
 * short, each request still running gets a stall step with that message.
 */
export function raceFromSteps(
  input: RaceInput,
  steps: readonly RaceEvent[],
  stopped?: string,
): RaceResult {
  const lanes: LaneTally[] = Array.from({ length: input.requests }, () => ({
    outcome: undefined,
    startedAt: 0,
    endedAt: 0,
    modelCalls: 0,
    billed: 0n,
    message: undefined,
  }));
  const holds = new Map<number, { request: number; usd: number }>();
  const trace = stopped === undefined ? steps : withStalls(steps, lanes.length, stopped);

  for (const event of trace) {
    const lane = lanes[event.request]!;
    const ending = ENDINGS[event.step];
    if (event.step === "start") lane.startedAt = event.time;
    else if (event.step === "call-start") lane.modelCalls += 1;
    else if (event.step === "call-end") lane.billed += nanosFromUsd(event.usd ?? 0);
    else if (event.step === "reserve" && event.hold !== undefined) {
      holds.set(event.hold, { request: event.request, usd: event.usd ?? 0 });
    } else if (event.step === "commit" || event.step === "release") {
      if (event.hold !== undefined) holds.delete(event.hold);
    } else if (ending && lane.outcome === undefined) {
      lane.outcome = ending;
      lane.endedAt = event.time;
      if (ending === "error" || ending === "stalled") lane.message = event.message;
    }
  }

  return resultOf(input, trace, lanes, holds);
}

/** `steps`, then a stall step for each request that had not ended. */
function withStalls(steps: readonly RaceEvent[], requests: number, message: string): RaceEvent[] {
  const ended = new Set<number>();
  for (const event of steps) {
    if (ENDINGS[event.step]) ended.add(event.request);
  }
  const last = steps.at(-1);
  const stalls: RaceEvent[] = [];
  for (let request = 0; request < requests; request++) {
    if (ended.has(request)) continue;
    stalls.push({
      seq: steps.length + stalls.length,
      time: last?.time ?? 0,
      request,
      step: "stall",
      message,
      committed: last?.committed ?? 0,
      held: last?.held ?? 0,
    });
  }
  return [...steps, ...stalls];
}

function resultOf(
  input: RaceInput,
  trace: readonly RaceEvent[],
  lanes: readonly LaneTally[],
  holds: ReadonlyMap<number, { request: number; usd: number }>,
): RaceResult {
  const initial = nanosFromUsd(input.spent);
  const billed = lanes.reduce((sum, lane) => sum + lane.billed, initial);
  const over = billed - nanosFromUsd(input.limit);
  const last = trace.at(-1);
  const openHolds: OpenHold[] = [...holds].map(([id, { request, usd }]) => {
    const outcome = lanes[request]?.outcome;
    return { id, request, usd, leaked: outcome !== undefined && outcome !== "stalled" };
  });
  const count = (outcome: RequestOutcome): number =>
    lanes.filter((lane) => lane.outcome === outcome).length;

  return {
    seed: input.seed,
    tenantId: "acme",
    limit: input.limit,
    initialSpent: usdFromNanos(initial),
    spent: usdFromNanos(billed),
    recorded: last?.committed ?? usdFromNanos(initial),
    overspend: usdFromNanos(over > 0n ? over : 0n),
    held: last?.held ?? 0,
    openHolds,
    leakedHolds: openHolds.filter((hold) => hold.leaked).length,
    admitted: lanes.filter((lane) => lane.modelCalls > 0).length,
    rejected: count("rejected"),
    failed: count("error"),
    stalled: count("stalled"),
    duration: last?.time ?? 0,
    requests: lanes.map((lane, index) => requestOf(lane, index, input.request)),
    trace,
  };
}

function requestOf(lane: LaneTally, index: number, request: LlmRequest): RaceRequest {
  return {
    index,
    request,
    outcome: lane.outcome ?? "stalled",
    startedAt: lane.startedAt,
    endedAt: lane.endedAt,
    modelCalls: lane.modelCalls,
    billed: usdFromNanos(lane.billed),
    ...(lane.message === undefined ? {} : { message: lane.message }),
  };
}

/** What the widget shows after a run of the snippet. */
export type RaceFromRun =
  /** A race to animate (whole or cut short), and what to tell the reader. */
  | { kind: "race"; result: RaceResult; notice: string; tone: "info" | "error" }
  /** No race came back: keep the last one and say why. */
  | { kind: "none"; notice: string };

/**
 * Turns a published run and what its probe reported into what the widget
 * shows, or null for a run the widget's probe was not part of (the reader
 * ran the snippet before the widget registered it; a re-run follows).
 */
export function raceFromRun(
  run: SnippetRun,
  input: RaceInput,
  collected: CollectedRace,
): RaceFromRun | null {
  const { steps, broken } = collected;
  const problem = run.status === "ok" ? null : (run.message ?? "The run did not finish.");
  if (!collected.started) {
    if (problem === null) {
      if (run.probe === undefined) return null;
      return { kind: "none", notice: "The race did not report back as expected; run it again." };
    }
    if (problem.startsWith(NO_CALL_MODEL)) return { kind: "none", notice: NO_CALL_MODEL };
    return {
      kind: "none",
      notice:
        `The race did not start: ${problem} The snippet runs its own code first ` +
        "(the simulateRace at its end included), and the widget's race only after it.",
    };
  }

  const reported = fieldsOf(run.probe)?.steps;
  const finished = isWhole(reported, 0, Number.MAX_SAFE_INTEGER);
  if (finished && broken === null && steps.length === reported) {
    const result = raceFromSteps(input, steps);
    if (problem !== null) return { kind: "race", result, notice: problem, tone: "error" };
    return { kind: "race", result, ...noticeOf(result) };
  }

  const shown = countText(steps.length);
  let stop: string;
  let notice: string;
  if (broken !== null) {
    stop = "Not shown past a malformed step";
    notice = `The race's ${broken}; the lanes show the ${shown} steps before it.`;
  } else if (finished) {
    stop = `Still running at step ${shown}, where the widget stops showing the race`;
    notice = `The race took ${countText(reported)} steps; the lanes show the first ${shown}.`;
  } else {
    stop = run.status === "timeout" ? "Stopped by the watchdog" : "Stopped by an error";
    notice = `${problem ?? "The race did not finish."} The lanes show the ${shown} steps before it stopped.`;
  }
  return { kind: "race", result: raceFromSteps(input, steps, stop), notice, tone: "error" };
}

/**
 * The notice for a race that ran to its end: the first error the reader's
 * code threw, if any (a failure the race injected into the model call is
 * the race's doing, not theirs), then requests that never finished, else
 * where the race came from.
 */
function noticeOf(result: RaceResult): { notice: string; tone: "info" | "error" } {
  const injected = new Set<string>();
  for (const event of result.trace) {
    if (event.step === "call-fail") injected.add(`${event.request} ${event.message ?? ""}`);
  }
  const thrown = result.requests.find(
    (request) =>
      request.outcome === "error" && !injected.has(`${request.index} ${request.message ?? ""}`),
  );
  if (thrown !== undefined) {
    return { notice: `Your callModel threw: ${thrown.message ?? "an error"}`, tone: "error" };
  }
  const stalled = result.requests.find((request) => request.outcome === "stalled");
  if (stalled !== undefined) {
    const count = result.stalled === 1 ? "1 request" : `${result.stalled} requests`;
    const why = stalled.message ?? "Never finished";
    return { notice: `Your callModel did not finish ${count}. ${why}.`, tone: "error" };
  }
  return { notice: "This race ran your callModel, from your last run.", tone: "info" };
}

function countText(count: number): string {
  return count.toLocaleString("en-US");
}
