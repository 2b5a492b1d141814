// From a race's trace to what the animation shows: the frames it steps
// through, each request's lane up to a frame, the ledger at a frame and the
// sentences that say what happened. Pure: no React, no DOM.

import {
  formatPercent,
  formatUsd,
  nanosFromUsd,
  usdFromNanos,
  type RaceEvent,
  type RaceResult,
  type RaceStep,
} from "cost";

/** What a request is waiting for between two of its steps. */
export type Phase = "read" | "reserve" | "call" | "record" | "release" | "wait";

/** Moments drawn as marks on a lane. */
export type MarkKind =
  "check-ok" | "check-fail" | "deny" | "call-fail" | "done" | "reject" | "error" | "stall";

/** One stretch of a lane: the request waited on `phase` from → to (ms). */
export interface Segment {
  readonly phase: Phase;
  readonly from: number;
  readonly to: number;
  /** Trace positions of the steps that open and close the stretch. */
  readonly fromSeq: number;
  readonly toSeq: number;
}

export interface Mark {
  readonly kind: MarkKind;
  readonly time: number;
  readonly seq: number;
}

/** A request's whole lane, over the full trace. */
export interface Lane {
  readonly request: number;
  readonly segments: readonly Segment[];
  readonly marks: readonly Mark[];
}

/**
 * Consecutive events shown together: one request's steps at one virtual
 * instant, or every request that starts at one instant.
 */
export interface Frame {
  /** Virtual milliseconds. */
  readonly time: number;
  readonly events: readonly RaceEvent[];
}

/** Everything the animation derives from one race, computed once. */
export interface Timeline {
  readonly result: RaceResult;
  readonly frames: readonly Frame[];
  readonly lanes: readonly Lane[];
  /** Billed spend in nano-dollars after each event, by trace position. */
  readonly billedAfter: readonly bigint[];
}

/** The tenant's money at a frame, in USD. */
export interface LedgerView {
  readonly limit: number;
  readonly committed: number;
  readonly held: number;
  /** Spend before the burst plus every call billed so far. */
  readonly billed: number;
  /** Billed spend past the limit, 0 when there is none. */
  readonly over: number;
  /** `over` as a fraction of the limit; null when the limit is 0. */
  readonly overFraction: number | null;
}

const PHASE_BEFORE: Partial<Record<RaceStep, Phase>> = {
  read: "read",
  reserve: "reserve",
  deny: "reserve",
  "call-end": "call",
  "call-fail": "call",
  add: "record",
  commit: "record",
  release: "release",
  stall: "wait",
};

const MARKS: Partial<Record<RaceStep, MarkKind>> = {
  deny: "deny",
  "call-fail": "call-fail",
  done: "done",
  reject: "reject",
  error: "error",
  stall: "stall",
};

/** Groups a trace into frames, in order. */
export function framesOf(trace: readonly RaceEvent[]): Frame[] {
  const frames: { time: number; events: RaceEvent[] }[] = [];
  for (const event of trace) {
    const last = frames.at(-1);
    const previous = last?.events.at(-1);
    const together =
      last !== undefined &&
      previous !== undefined &&
      previous.time === event.time &&
      (previous.request === event.request || (previous.step === "start" && event.step === "start"));
    if (together) last.events.push(event);
    else frames.push({ time: event.time, events: [event] });
  }
  return frames;
}

function laneOf(request: number, events: readonly RaceEvent[]): Lane {
  const segments: Segment[] = [];
  const marks: Mark[] = [];
  events.forEach((event, i) => {
    const previous = events[i - 1];
    const phase = PHASE_BEFORE[event.step];
    if (previous && phase && event.time > previous.time) {
      segments.push({
        phase,
        from: previous.time,
        to: event.time,
        fromSeq: previous.seq,
        toSeq: event.seq,
      });
    }
    const kind =
      event.step === "check" ? (event.ok ? "check-ok" : "check-fail") : MARKS[event.step];
    if (kind) marks.push({ kind, time: event.time, seq: event.seq });
  });
  return { request, segments, marks };
}

/** The frames, lanes and running billed spend of a race. */
export function timelineOf(result: RaceResult): Timeline {
  const byRequest = result.requests.map((): RaceEvent[] => []);
  for (const event of result.trace) byRequest[event.request]?.push(event);

  let billed = nanosFromUsd(result.initialSpent);
  const billedAfter = result.trace.map((event) => {
    if (event.step === "call-end") billed += nanosFromUsd(event.usd ?? 0);
    return billed;
  });

  return {
    result,
    frames: framesOf(result.trace),
    lanes: byRequest.map((events, request) => laneOf(request, events)),
    billedAfter,
  };
}

/**
 * Trace position just past frame `cursor - 1`: how many events are shown
 * once `cursor` frames have played (0 shows none).
 */
export function shownEvents(timeline: Timeline, cursor: number): number {
  const frame = timeline.frames[cursor - 1];
  const last = frame?.events.at(-1);
  return last === undefined ? 0 : last.seq + 1;
}

/** Virtual time at frame `cursor` (0 before the first frame). */
export function timeAt(timeline: Timeline, cursor: number): number {
  return timeline.frames[cursor - 1]?.time ?? 0;
}

/** The ledger once `cursor` frames have played. */
export function ledgerAt(timeline: Timeline, cursor: number): LedgerView {
  const { result } = timeline;
  const shown = shownEvents(timeline, cursor);
  const event = result.trace[shown - 1];
  const billedNanos = timeline.billedAfter[shown - 1] ?? nanosFromUsd(result.initialSpent);
  const overNanos = billedNanos - nanosFromUsd(result.limit);
  const over = overNanos > 0n ? usdFromNanos(overNanos) : 0;
  return {
    limit: result.limit,
    committed: event?.committed ?? result.initialSpent,
    held: event?.held ?? 0,
    billed: usdFromNanos(billedNanos),
    over,
    overFraction: result.limit > 0 ? over / result.limit : null,
  };
}

/** A lane as shown once `shown` events have played, at virtual `time`. */
export interface LaneView {
  readonly request: number;
  /** Finished stretches, and the one in progress cut at `time`. */
  readonly segments: readonly Segment[];
  readonly marks: readonly Mark[];
  /** What the request is waiting for now, if anything. */
  readonly active: Phase | null;
}

/** Each lane cut at the moment `cursor` frames have played. */
export function lanesAt(timeline: Timeline, cursor: number): LaneView[] {
  const shown = shownEvents(timeline, cursor);
  const time = timeAt(timeline, cursor);
  return timeline.lanes.map((lane) => {
    const segments: Segment[] = [];
    let active: Phase | null = null;
    for (const segment of lane.segments) {
      if (segment.fromSeq >= shown) break;
      if (segment.toSeq < shown) {
        segments.push(segment);
        continue;
      }
      active = segment.phase;
      segments.push({ ...segment, to: time });
    }
    const marks = lane.marks.filter((mark) => mark.seq < shown);
    return { request: lane.request, segments, marks, active };
  });
}

/**
 * Where each moment of the race sits along the lanes' axis, as a fraction
 * of its width: half by time, half by rank among the moments something
 * happened. Store calls take milliseconds and model calls seconds; by time
 * alone the reads would fall on one pixel, by rank alone the waits would
 * look as short as the reads. `times` rise strictly, from 0.
 */
export function timeAxis(trace: readonly RaceEvent[]): { times: number[]; fractions: number[] } {
  const times = [...new Set([0, ...trace.map((event) => event.time)])].sort((a, b) => a - b);
  const last = times.at(-1)!;
  if (last === 0) return { times: [0, 1], fractions: [0, 1] };
  const fractions = times.map(
    (time, rank) => 0.5 * (time / last) + 0.5 * (rank / (times.length - 1)),
  );
  return { times, fractions };
}

/** "Request 3", counting from 1 as readers do. */
export function requestName(request: number): string {
  return `Request ${request + 1}`;
}

function usd(amount: number | undefined): string {
  return formatUsd(amount ?? 0);
}

/** One sentence for one step. `read` is the spend the request last read. */
function sentenceOf(event: RaceEvent, limit: number, read: number | undefined): string {
  const who = requestName(event.request);
  switch (event.step) {
    case "start":
      return `${who} starts.`;
    case "read":
      return `${who} reads the month's spend: ${usd(event.usd)}.`;
    case "check":
      return event.ok
        ? `${usd(read)} is under the ${usd(limit)} limit, so it goes ahead.`
        : `${usd(read)} is not under the ${usd(limit)} limit, so it stops.`;
    case "reserve":
      return `${who} reserves ${usd(event.usd)}; ${usd(event.held)} is now held.`;
    case "deny":
      return (
        `${who} asks to reserve ${usd(event.usd)}, but ${usd(event.committed)} ` +
        `committed and ${usd(event.held)} held leave no room under ` +
        `${usd(limit)}: refused.`
      );
    case "call-start":
      return `${who} calls the model (at most ${usd(event.usd)}).`;
    case "call-end":
      return `${who}'s call returns; it cost ${usd(event.usd)}.`;
    case "call-fail":
      return `${who}'s call fails (the model is overloaded); nothing is billed.`;
    case "add":
      return `${who} adds ${usd(event.usd)}: ${usd(event.committed)} committed.`;
    case "commit":
      return `${who} commits ${usd(event.usd)}: ${usd(event.committed)} committed, ${usd(event.held)} held.`;
    case "release":
      return `${who} releases its ${usd(event.usd)} hold.`;
    case "done":
      return `${who} is done.`;
    case "reject":
      return `${who} gives up: budget exceeded.`;
    case "error":
      return `${who} fails: ${event.message ?? "an error"}.`;
    case "stall":
      return `${who} never finishes.`;
  }
}

/** What a frame shows, in sentences. */
export function describeFrame(timeline: Timeline, cursor: number): string {
  const frame = timeline.frames[cursor - 1];
  if (!frame) {
    const count = timeline.result.requests.length;
    return `${count} ${count === 1 ? "request is" : "requests are"} about to start.`;
  }
  const { events } = frame;
  const at = `At ${frame.time.toLocaleString("en-US")} ms: `;
  if (events.length > 1 && events.every((event) => event.step === "start")) {
    return `${at}${events.length} requests start at once.`;
  }

  const { trace, limit } = timeline.result;
  const sentences = events.map((event) => {
    const read = lastRead(trace, event);
    return sentenceOf(event, limit, read);
  });
  return at + sentences.join(" ");
}

/**
 * The longest of the sentences the race's frames show, longest first. The
 * step line lays them out unseen in its own box, so the box is as tall as
 * the tallest frame at whatever width the page has, and moving from frame
 * to frame never moves the text below it.
 */
export function longestSteps(timeline: Timeline, count = 4): string[] {
  const sentences = new Set<string>();
  for (let cursor = 0; cursor <= timeline.frames.length; cursor++) {
    sentences.add(describeFrame(timeline, cursor));
  }
  return [...sentences].sort((a, b) => b.length - a.length).slice(0, count);
}

function lastRead(trace: readonly RaceEvent[], event: RaceEvent): number | undefined {
  for (let seq = event.seq - 1; seq >= 0; seq--) {
    const earlier = trace[seq]!;
    if (earlier.request === event.request && earlier.step === "read") return earlier.usd;
  }
  return undefined;
}

/** "$0.15 (15%) over" or "nothing over". */
export function overText(ledger: LedgerView): string {
  if (ledger.over === 0) return "nothing over";
  const share = ledger.overFraction === null ? "" : ` (${formatPercent(ledger.overFraction)})`;
  return `${usd(ledger.over)}${share} over`;
}

/** What the whole race did, in a few sentences for every reader. */
export function summaryOf(result: RaceResult): string {
  const count = result.requests.length;
  const parts = [
    `${result.admitted} of ${count} ${count === 1 ? "request" : "requests"} called the model` +
      (result.rejected > 0 ? `; ${result.rejected} refused.` : "."),
  ];
  const over = result.overspend;
  const share = result.limit > 0 ? ` (${formatPercent(over / result.limit)})` : "";
  parts.push(
    over > 0
      ? `Spend reached ${usd(result.spent)} against a ${usd(result.limit)} limit: ${usd(over)}${share} over.`
      : `Spend ${usd(result.spent)} of a ${usd(result.limit)} limit: nothing over.`,
  );
  if (result.recorded !== result.spent) {
    parts.push(`The ledger recorded only ${usd(result.recorded)}.`);
  }
  if (result.leakedHolds > 0) {
    const holds = result.leakedHolds === 1 ? "hold" : "holds";
    parts.push(
      `${result.leakedHolds} ${holds} never released keep ${usd(result.held)} locked, refusing later calls.`,
    );
  }
  if (result.failed > 0) parts.push(`${result.failed} ended with an error.`);
  if (result.stalled > 0) parts.push(`${result.stalled} never finished.`);
  return parts.join(" ");
}
