// A burst of concurrent calls through a reader's budget guard, run in
// virtual time. Every await on the budget store or the model takes a seeded
// latency in whole virtual milliseconds. A queue ordered by virtual time
// fires whatever is due, lets the guards' code run, and only then moves the
// clock on. No real timer drives the clock, so a seed gives the same trace
// on any machine, and a burst of 10,000 requests takes well under a second.

import {
  BudgetExceeded,
  BudgetLedger,
  checkRequest,
  maxCostOf,
  type Hold,
  type LlmRequest,
  type LlmResponse,
} from "./budget";
import { costOf, costOfNanos } from "./costOf";
import {
  checkFraction,
  checkKnownKeys,
  checkObject,
  checkWhole,
  CostInputError,
} from "./errors";
import { usdFromNanos, nanosFromUsd, type Nanos } from "./money";

/** The tenant whose budget the simulated environment keeps. */
export type TenantId = "acme";

const TENANT: TenantId = "acme";
const limits: Record<TenantId, number> = { acme: 1 };

/**
 * Monthly limits by tenant, in USD. Each race sets its tenant's limit from
 * its `limit` option before the first request starts.
 */
export const LIMIT: Readonly<Record<TenantId, number>> = limits;

/** The simulated budget store. Every call takes a seeded store latency. */
export interface BudgetStore {
  /** USD committed this month by the tenant; holds are not counted. */
  getMonthlySpend(tenantId: string): Promise<number>;
  /** Records `usd` as spent by the tenant, whatever the limit says. */
  add(tenantId: string, usd: number): Promise<void>;
  /**
   * Sets `usd` aside in one atomic step and resolves to the hold, or
   * rejects with BudgetExceeded when committed plus held plus `usd` would
   * be greater than the limit.
   */
  reserve(tenantId: string, usd: number): Promise<Hold>;
  /** Closes a hold and records `usd`, the call's actual cost, as spent. */
  commit(hold: Hold, usd: number): Promise<void>;
  /** Closes a hold without spending anything: the call failed. */
  release(hold: Hold): Promise<void>;
}

/** The simulated model API. */
export interface Llm {
  /**
   * Calls the model: resolves after a seeded latency to a response with
   * Anthropic-shaped `usage`, or rejects with LlmError when the race
   * injects a failure (nothing is billed then).
   */
  create(req: LlmRequest): Promise<LlmResponse>;
}

/** A guard as the race calls it, once per request of the burst. */
export type CallModel = (tenantId: TenantId, req: LlmRequest) => unknown;

/** A simulated model failure, like HTTP 529 (overloaded): not billed. */
export class LlmError extends Error {
  /** The HTTP status the provider would answer with. */
  readonly status = 529;

  constructor() {
    super("The model is overloaded (simulated HTTP 529); nothing was billed");
    this.name = "LlmError";
  }
}

/** What a request of the burst did, step by step. */
export type RaceStep =
  | "start"
  | "read"
  | "check"
  | "reserve"
  | "deny"
  | "call-start"
  | "call-end"
  | "call-fail"
  | "add"
  | "commit"
  | "release"
  | "done"
  | "reject"
  | "error"
  | "stall";

/**
 * One step of one request, with the tenant's ledger right after it.
 * `read` carries the spend read, `check` whether the guard let the call
 * through (inferred: after a read, the request called the model, or it
 * ended without calling: returned, threw, or gave up with BudgetExceeded),
 * `reserve` and `deny` the amount asked for,
 * `call-start` the most the call can cost, `call-end` its actual cost,
 * `add`, `commit` and `release` the amount recorded or let go.
 */
export interface RaceEvent {
  /** Position in the trace, from 0. */
  readonly seq: number;
  /** Virtual milliseconds since the burst began. */
  readonly time: number;
  /** Index of the request in the burst. */
  readonly request: number;
  readonly step: RaceStep;
  /** USD read, asked for, billed or recorded, by step. */
  readonly usd?: number;
  /** The hold's id, for reserve, commit and release. */
  readonly hold?: number;
  /** For check: whether the guard let the call through. */
  readonly ok?: boolean;
  /** For error, call-fail and stall: what happened, in words. */
  readonly message?: string;
  /** USD committed after this step. */
  readonly committed: number;
  /** USD held by open holds after this step. */
  readonly held: number;
}

/** How a request ended. */
export type RequestOutcome = "ok" | "rejected" | "error" | "stalled";

/** What one request of the burst did. */
export interface RaceRequest {
  readonly index: number;
  readonly request: LlmRequest;
  readonly outcome: RequestOutcome;
  /** Virtual ms at which the request started and ended. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** How many times it called the model. */
  readonly modelCalls: number;
  /** USD billed for its model calls, whatever the ledger recorded. */
  readonly billed: number;
  /** For error and stalled: what happened, in words. */
  readonly message?: string;
}

/** A hold still open when the race ended. */
export interface OpenHold {
  readonly id: number;
  readonly request: number;
  readonly usd: number;
  /** True when its request had ended: nothing will ever close it. */
  readonly leaked: boolean;
}

/** What a race did. Amounts are USD, times virtual milliseconds. */
export interface RaceResult {
  readonly seed: number;
  readonly tenantId: TenantId;
  /** The tenant's monthly limit. */
  readonly limit: number;
  /** Spend committed before the burst. */
  readonly initialSpent: number;
  /** Spend after it, as billed: before plus every model call's cost. */
  readonly spent: number;
  /** What the ledger recorded as committed; less than `spent` if a guard
   * forgot to record a call. */
  readonly recorded: number;
  /** Spend past the limit, 0 when there is none. */
  readonly overspend: number;
  /** Still held by holds nobody closed. */
  readonly held: number;
  readonly openHolds: readonly OpenHold[];
  /** Holds whose request ended without closing them. */
  readonly leakedHolds: number;
  /** Requests that called the model at least once. */
  readonly admitted: number;
  /** Requests that ended with BudgetExceeded. */
  readonly rejected: number;
  /** Requests that ended with another error. */
  readonly failed: number;
  /** Requests that never finished. */
  readonly stalled: number;
  /** Virtual time of the last step. */
  readonly duration: number;
  readonly requests: readonly RaceRequest[];
  readonly trace: readonly RaceEvent[];
}

/** Options of simulateRace. Amounts are USD, times virtual milliseconds. */
export interface RaceOptions {
  /** The tenant's monthly limit, in USD. */
  readonly limit: number;
  /** USD already committed this month (default 0). */
  readonly spent?: number;
  /**
   * The burst: how many concurrent copies of `request`, or the list of
   * requests (at most 100,000).
   */
  readonly requests: number | readonly LlmRequest[];
  /**
   * The request a count repeats. Default: Claude Haiku 4.5, 10,000 input
   * tokens, max_tokens 8,000, so at most $0.05 each.
   */
  readonly request?: LlmRequest;
  /** Seeds latencies, output sizes and failures (whole, default 1). */
  readonly seed?: number;
  /** Store latency range in ms, [min, max] (default [2, 12]). */
  readonly storeLatency?: readonly [number, number];
  /** Model latency range in ms, [min, max] (default [300, 1500]). */
  readonly modelLatency?: readonly [number, number];
  /** Requests start at seeded times within this many ms (default 0). */
  readonly arrivalWindow?: number;
  /** Chance from 0 to 1 that a model call fails (default 0). */
  readonly failureRate?: number;
  /** Virtual ms after which unfinished requests stall (default 60,000). */
  readonly timeLimit?: number;
  /** Called with each event as it happens. */
  readonly onEvent?: (event: RaceEvent) => void;
}

type Range = readonly [number, number];

interface Settings {
  readonly limit: number;
  readonly spent: number;
  readonly requests: readonly LlmRequest[];
  readonly seed: number;
  readonly storeLatency: Range;
  readonly modelLatency: Range;
  readonly arrivalWindow: number;
  readonly failureRate: number;
  readonly timeLimit: number;
  readonly onEvent: ((event: RaceEvent) => void) | undefined;
}

const DEFAULT_REQUEST: LlmRequest = Object.freeze({
  model: "claude-haiku-4.5",
  input_tokens: 10_000,
  max_tokens: 8_000,
});

const OPTION_NAMES = [
  "limit",
  "spent",
  "requests",
  "request",
  "seed",
  "storeLatency",
  "modelLatency",
  "arrivalWindow",
  "failureRate",
  "timeLimit",
  "onEvent",
];

const MAX_REQUESTS = 100_000;
/**
 * Steps a trace may hold per request, and at least: a loop of fast store
 * calls stops here. A request that runs a guard once takes about 7.
 */
const EVENTS_PER_REQUEST = 10;
const MIN_EVENTS = 200_000;
const HOUR_MS = 60 * 60 * 1000;
const MAX_SEED = 2 ** 32 - 1;

function checkDollars(value: unknown, field: string): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) {
    return value;
  }
  throw new CostInputError(field, value, "an amount of US dollars ≥ 0");
}

function checkRange(value: unknown, field: string, fallback: Range): Range {
  if (value === undefined) return fallback;
  const ok = Array.isArray(value) && value.length === 2;
  if (!ok) throw new CostInputError(field, value, "[min, max] in ms");
  const ms = { unit: "ms", min: 1, max: HOUR_MS };
  const min = checkWhole(value[0], `${field}[0]`, ms);
  const max = checkWhole(value[1], `${field}[1]`, { ...ms, min });
  return [min, max];
}

function checkBurst(value: unknown, template: LlmRequest): LlmRequest[] {
  if (Array.isArray(value)) {
    checkWhole(value.length, "options.requests.length", {
      unit: "requests",
      min: 0,
      max: MAX_REQUESTS,
    });
    return value.map((req, i) => checkRequest(req, `options.requests[${i}]`));
  }
  const count = checkWhole(value, "options.requests", {
    unit: "requests",
    min: 0,
    max: MAX_REQUESTS,
  });
  return Array.from({ length: count }, () => template);
}

function settingsOf(options: RaceOptions): Settings {
  const fields = checkObject(
    options,
    "options",
    "race options such as { limit: 1, spent: 0.9, requests: 5 }",
  );
  checkKnownKeys(fields, "options", OPTION_NAMES);
  const template = checkRequest(
    fields.request ?? DEFAULT_REQUEST,
    "options.request",
  );
  const onEvent = fields.onEvent;
  if (onEvent !== undefined && typeof onEvent !== "function") {
    throw new CostInputError("options.onEvent", onEvent, "a function");
  }

  return {
    limit: checkDollars(fields.limit, "options.limit"),
    spent: checkDollars(fields.spent ?? 0, "options.spent"),
    requests: checkBurst(fields.requests, template),
    seed: checkWhole(fields.seed ?? 1, "options.seed", {
      unit: "seed",
      min: 0,
      max: MAX_SEED,
    }),
    storeLatency: checkRange(
      fields.storeLatency,
      "options.storeLatency",
      [2, 12],
    ),
    modelLatency: checkRange(
      fields.modelLatency,
      "options.modelLatency",
      [300, 1500],
    ),
    arrivalWindow: checkWhole(
      fields.arrivalWindow ?? 0,
      "options.arrivalWindow",
      { unit: "ms", min: 0, max: HOUR_MS },
    ),
    failureRate: checkFraction(fields.failureRate ?? 0, "options.failureRate"),
    timeLimit: checkWhole(fields.timeLimit ?? 60_000, "options.timeLimit", {
      unit: "ms",
      min: 1,
      max: 24 * HOUR_MS,
    }),
    onEvent: onEvent as Settings["onEvent"],
  };
}

// Seeded randomness. Each request draws from its own streams (arrival,
// store latencies, model calls), so request i behaves the same whatever
// the guard does and however large the burst around it is.

type Random = () => number;

/** mulberry32: a small, fast 32-bit PRNG; uniform in [0, 1). */
function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Murmur3's finalizer: spreads every input bit over the output. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const ARRIVAL = 0;
const STORE = 1;
const MODEL = 2;

function streamOf(seed: number, request: number, stream: number): Random {
  return mulberry32(mix32(mix32(mix32(seed) + request) + stream));
}

/** A whole number from `min` to `max` inclusive. */
function between(random: Random, [min, max]: Range): number {
  return min + Math.floor(random() * (max - min + 1));
}

// The clock's queue: entries ordered by virtual time, then by when they
// were scheduled, in a binary min-heap.

interface Entry {
  readonly time: number;
  readonly seq: number;
  /** The request whose code runs when the entry fires. */
  readonly owner: number;
  readonly fire: () => void;
}

function earlier(a: Entry, b: Entry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

class TimeQueue {
  readonly #heap: Entry[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  /** Virtual time of the next entry, if any. */
  nextTime(): number | undefined {
    return this.#heap[0]?.time;
  }

  push(time: number, owner: number, fire: () => void): void {
    const heap = this.#heap;
    heap.push({ time, seq: this.#seq++, owner, fire });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** Removes and returns the next entry if it is due at `time`. */
  popAt(time: number): Entry | undefined {
    const heap = this.#heap;
    const first = heap[0];
    if (first === undefined || first.time !== time) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.#siftDown();
    }
    return first;
  }

  #siftDown(): void {
    const heap = this.#heap;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && earlier(heap[left]!, heap[least]!)) {
        least = left;
      }
      if (right < heap.length && earlier(heap[right]!, heap[least]!)) {
        least = right;
      }
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  }
}

// Yielding. After an entry fires, the code awaiting it runs as microtasks.
// Before the next entry due at the same instant fires, the first one's
// request gets up to a few dozen microtask turns to reach its next store or
// model call (or to finish), so every call can be told apart by request.
// One macrotask per virtual instant then drains whatever is left before the
// clock moves: setImmediate in Node, MessageChannel in browsers and
// workers (setTimeout would be clamped to 4 ms).

const SETTLE_TURNS = 32;

interface MacrotaskHost {
  setImmediate?: (callback: () => void) => unknown;
  MessageChannel?: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(message: unknown): void };
  };
}

const waiting: (() => void)[] = [];
let post: (() => void) | undefined;

function nextMacrotask(): Promise<void> {
  const host = globalThis as MacrotaskHost;
  const immediate = host.setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  return new Promise((resolve) => {
    waiting.push(resolve);
    post ??= channelPoster(host);
    post();
  });
}

function channelPoster(host: MacrotaskHost): () => void {
  if (!host.MessageChannel) {
    return () => setTimeout(() => waiting.shift()?.(), 0);
  }
  const channel = new host.MessageChannel();
  channel.port1.onmessage = () => waiting.shift()?.();
  return () => channel.port2.postMessage(null);
}

// One race: the ledger, the clock, and a lane per request.

const LANE = Symbol("race lane");

interface StampedRequest extends LlmRequest {
  readonly [LANE]?: number;
}

interface Lane {
  readonly index: number;
  readonly request: LlmRequest;
  readonly stamped: StampedRequest;
  readonly arrival: number;
  readonly store: Random;
  readonly model: Random;
  lastStep: RaceStep | undefined;
  startedAt: number;
  endedAt: number;
  outcome: RequestOutcome | undefined;
  message: string | undefined;
  modelCalls: number;
  billed: Nanos;
  /** Counts the lane's calls and its ending, to see when its code ran. */
  moves: number;
}

type EventDetails = Pick<RaceEvent, "usd" | "hold" | "ok" | "message">;

const STALLED =
  "Never finished: it awaited something that nothing in the simulation " +
  "resolves (a promise that never settles, or a real timer)";

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `Threw ${String(error)}`;
}

function isBudgetExceeded(error: unknown): boolean {
  return (
    error instanceof BudgetExceeded ||
    (error instanceof Error && error.name === "BudgetExceeded")
  );
}

class Race {
  readonly settings: Settings;
  readonly ledger: BudgetLedger;
  readonly queue = new TimeQueue();
  readonly lanes: Lane[];
  readonly trace: RaceEvent[] = [];
  readonly holdOwners = new Map<number, number>();
  readonly costs = new Map<string, Nanos>();
  /** The tenant's ledger in USD, refreshed after each change. */
  balance: { committed: number; held: number };
  now = 0;
  current = -1;
  unfinished: number;
  readonly maxEvents: number;
  billed: Nanos = 0n;

  constructor(settings: Settings) {
    this.settings = settings;
    this.ledger = new BudgetLedger({
      [TENANT]: { limit: settings.limit, spent: settings.spent },
    });
    this.balance = this.ledger.balance(TENANT);
    this.lanes = settings.requests.map((request, index) =>
      this.#laneOf(request, index),
    );
    this.unfinished = this.lanes.length;
    this.maxEvents = Math.max(
      MIN_EVENTS,
      EVENTS_PER_REQUEST * this.lanes.length,
    );
  }

  #laneOf(request: LlmRequest, index: number): Lane {
    const { seed, arrivalWindow } = this.settings;
    const arrival = streamOf(seed, index, ARRIVAL);
    return {
      index,
      request,
      stamped: Object.freeze({ ...request, [LANE]: index }),
      arrival: arrivalWindow > 0 ? between(arrival, [0, arrivalWindow]) : 0,
      store: streamOf(seed, index, STORE),
      model: streamOf(seed, index, MODEL),
      lastStep: undefined,
      startedAt: 0,
      endedAt: 0,
      outcome: undefined,
      message: undefined,
      modelCalls: 0,
      billed: 0n,
      moves: 0,
    };
  }

  /** Fires every request, then runs the clock until all have ended. */
  async run(callModel: CallModel): Promise<void> {
    for (const lane of this.lanes) {
      this.queue.push(lane.arrival, lane.index, () =>
        this.#start(lane, callModel),
      );
    }

    while (this.unfinished > 0 || this.queue.size > 0) {
      const time = this.queue.nextTime();
      if (time === undefined) {
        // Nothing scheduled, yet requests are waiting: give code outside
        // the queue one more turn, then call them stalled.
        await nextMacrotask();
        if (this.queue.size === 0) this.#stallAll(STALLED);
        continue;
      }
      if (time > this.settings.timeLimit) {
        const ms = this.settings.timeLimit.toLocaleString("en-US");
        this.#stallAll(`Still running after ${ms} ms of virtual time`);
        return;
      }
      if (this.trace.length >= this.maxEvents) {
        const steps = this.maxEvents.toLocaleString("en-US");
        this.#stallAll(`Still running after ${steps} steps`);
        return;
      }

      this.now = time;
      await this.#fireDue(time);
      await nextMacrotask();
    }
  }

  async #fireDue(time: number): Promise<void> {
    let entry = this.queue.popAt(time);
    while (entry) {
      const lane = this.lanes[entry.owner]!;
      const moves = lane.moves;
      this.current = entry.owner;
      entry.fire();

      const next = this.queue.popAt(time);
      if (next === undefined) return;
      for (let turn = 0; turn < SETTLE_TURNS; turn++) {
        if (lane.moves !== moves) break;
        await undefined;
      }
      entry = next;
    }
  }

  #start(lane: Lane, callModel: CallModel): void {
    lane.startedAt = this.now;
    this.#record(lane, "start");
    let running: unknown;
    try {
      running = callModel(TENANT, lane.stamped);
    } catch (error) {
      this.#finish(lane, error);
      return;
    }
    Promise.resolve(running).then(
      () => this.#finish(lane),
      (error: unknown) => this.#finish(lane, error),
    );
  }

  #finish(lane: Lane, ...thrown: [unknown?]): void {
    if (lane.outcome !== undefined) return;
    lane.moves += 1;
    lane.endedAt = this.now;
    this.unfinished -= 1;
    // A read, then an ending without a call: the guard stopped there,
    // whether it returned, threw or gave up with BudgetExceeded.
    if (lane.lastStep === "read") this.#record(lane, "check", { ok: false });
    if (thrown.length === 0) {
      lane.outcome = "ok";
      this.#record(lane, "done");
      return;
    }

    // A refusal's message is left unread: worded, thousands cost time.
    if (isBudgetExceeded(thrown[0])) {
      lane.outcome = "rejected";
      this.#record(lane, "reject");
      return;
    }
    lane.outcome = "error";
    lane.message = messageOf(thrown[0]);
    this.#record(lane, "error", { message: lane.message });
  }

  #stallAll(message: string): void {
    for (const lane of this.lanes) {
      if (lane.outcome !== undefined) continue;
      lane.outcome = "stalled";
      lane.endedAt = this.now;
      lane.message = message;
      this.#record(lane, "stall", { message });
    }
    this.unfinished = 0;
  }

  #record(lane: Lane, step: RaceStep, details?: EventDetails): void {
    // One shape for every event, which keeps a long trace cheap to build.
    const event: RaceEvent = {
      seq: this.trace.length,
      time: this.now,
      request: lane.index,
      step,
      usd: details?.usd,
      hold: details?.hold,
      ok: details?.ok,
      message: details?.message,
      committed: this.balance.committed,
      held: this.balance.held,
    };
    lane.lastStep = step;
    this.trace.push(event);
    this.settings.onEvent?.(event);
  }

  /** The lane whose code is calling `api`, from `known` or the clock. */
  #laneFor(api: string, known?: number): Lane {
    const lane = this.lanes[known ?? this.current];
    if (lane) return lane;
    throw new Error(
      `${api} was called outside the requests of this race. Call it ` +
        "from the callModel you pass to simulateRace.",
    );
  }

  #after<T>(delay: number, lane: Lane, perform: () => T): Promise<T> {
    lane.moves += 1;
    return new Promise<T>((resolve, reject) => {
      this.queue.push(this.now + delay, lane.index, () => {
        try {
          resolve(perform());
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  #store<T>(
    api: string,
    known: number | undefined,
    perform: (lane: Lane) => T,
  ): Promise<T> {
    const lane = this.#laneFor(api, known);
    const delay = between(lane.store, this.settings.storeLatency);
    return this.#after(delay, lane, () => perform(lane));
  }

  read(tenantId: string): Promise<number> {
    return this.#store("budget.getMonthlySpend", undefined, (lane) => {
      const usd = this.ledger.getMonthlySpend(tenantId);
      this.#record(lane, "read", { usd });
      return usd;
    });
  }

  add(tenantId: string, usd: number): Promise<void> {
    return this.#store("budget.add", undefined, (lane) => {
      this.ledger.add(tenantId, usd);
      this.balance = this.ledger.balance(TENANT);
      this.#record(lane, "add", { usd });
    });
  }

  reserve(tenantId: string, usd: number): Promise<Hold> {
    return this.#store("budget.reserve", undefined, (lane) => {
      try {
        const hold = this.ledger.reserve(tenantId, usd);
        this.balance = this.ledger.balance(TENANT);
        this.holdOwners.set(hold.id, lane.index);
        this.#record(lane, "reserve", { usd, hold: hold.id });
        return hold;
      } catch (error) {
        if (isBudgetExceeded(error)) this.#record(lane, "deny", { usd });
        throw error;
      }
    });
  }

  commit(hold: Hold, usd: number): Promise<void> {
    const owner = this.holdOwners.get(hold?.id);
    return this.#store("budget.commit", owner, (lane) => {
      this.ledger.commit(hold, usd);
      this.balance = this.ledger.balance(TENANT);
      this.#record(lane, "commit", { usd, hold: hold.id });
    });
  }

  release(hold: Hold): Promise<void> {
    const owner = this.holdOwners.get(hold?.id);
    return this.#store("budget.release", owner, (lane) => {
      this.ledger.release(hold);
      this.balance = this.ledger.balance(TENANT);
      this.#record(lane, "release", { usd: hold.usd, hold: hold.id });
    });
  }

  create(req: LlmRequest): Promise<LlmResponse> {
    const lane = this.#laneFor("llm.create", (req as StampedRequest)?.[LANE]);
    const request = checkRequest(req, "req");
    if (lane.lastStep === "read") this.#record(lane, "check", { ok: true });
    const most = this.#costNanos(request, request.max_tokens);
    this.#record(lane, "call-start", { usd: usdFromNanos(most) });
    lane.modelCalls += 1;

    // Three draws per call whatever the outcome, so the stream stays
    // aligned: request i's calls fail, produce and take the same.
    const fails = lane.model() < this.settings.failureRate;
    const max = request.max_tokens;
    const drawn = between(lane.model, [Math.ceil(max / 4), max]);
    const delay = between(lane.model, this.settings.modelLatency);
    const output = request.output_tokens ?? drawn;

    return this.#after(delay, lane, () => {
      if (fails) {
        const error = new LlmError();
        this.#record(lane, "call-fail", { message: messageOf(error) });
        throw error;
      }
      const response = responseOf(request, output);
      const nanos = this.#costNanos(request, output);
      lane.billed += nanos;
      this.billed += nanos;
      this.#record(lane, "call-end", { usd: usdFromNanos(nanos) });
      return response;
    });
  }

  /** Nano-dollars for a call, remembered by model id and token counts. */
  #costNanos(request: LlmRequest, output: number): Nanos {
    const { model, input_tokens } = request;
    const usage = { input_tokens, output_tokens: output };
    if (typeof model !== "string") return costOfNanos(usage, model);

    const key = `${model} ${input_tokens} ${output}`;
    const known = this.costs.get(key);
    if (known !== undefined) return known;
    const nanos = costOfNanos(usage, model);
    this.costs.set(key, nanos);
    return nanos;
  }

  result(): RaceResult {
    const { settings, lanes } = this;
    const balance = this.ledger.balanceNanos(TENANT);
    const spent = nanosFromUsd(settings.spent);
    const billed = spent + this.billed;
    const over = billed - balance.limit;
    const openHolds = this.#openHolds();
    const count = (outcome: RequestOutcome): number =>
      lanes.filter((lane) => lane.outcome === outcome).length;

    return {
      seed: settings.seed,
      tenantId: TENANT,
      limit: usdFromNanos(balance.limit),
      initialSpent: usdFromNanos(spent),
      spent: usdFromNanos(billed),
      recorded: usdFromNanos(balance.committed),
      overspend: usdFromNanos(over > 0n ? over : 0n),
      held: usdFromNanos(balance.held),
      openHolds,
      leakedHolds: openHolds.filter((hold) => hold.leaked).length,
      admitted: lanes.filter((lane) => lane.modelCalls > 0).length,
      rejected: count("rejected"),
      failed: count("error"),
      stalled: count("stalled"),
      duration: this.trace.at(-1)?.time ?? 0,
      requests: lanes.map(requestOf),
      trace: this.trace,
    };
  }

  #openHolds(): OpenHold[] {
    return this.ledger.openHolds().map((hold) => {
      const request = this.holdOwners.get(hold.id) ?? -1;
      const outcome = this.lanes[request]?.outcome;
      const leaked = outcome !== undefined && outcome !== "stalled";
      return { id: hold.id, request, usd: hold.usd, leaked };
    });
  }
}

function responseOf(request: LlmRequest, output: number): LlmResponse {
  return {
    model: request.model,
    stop_reason: output === request.max_tokens ? "max_tokens" : "end_turn",
    usage: {
      input_tokens: request.input_tokens,
      output_tokens: output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}

function requestOf(lane: Lane): RaceRequest {
  return {
    index: lane.index,
    request: lane.request,
    outcome: lane.outcome ?? "stalled",
    startedAt: lane.startedAt,
    endedAt: lane.endedAt,
    modelCalls: lane.modelCalls,
    billed: usdFromNanos(lane.billed),
    ...(lane.message === undefined ? {} : { message: lane.message }),
  };
}

// The environment snippets import. Calls go to the race running now.

let active: Race | undefined;

function raceFor(api: string): Race {
  if (active) return active;
  throw new Error(
    `${api} works only while simulateRace runs: the simulated budget ` +
      "and model exist during a race. Pass a callModel that uses " +
      `${api} to simulateRace(callModel, { limit, requests }).`,
  );
}

function attempt<T>(call: () => Promise<T>): Promise<T> {
  try {
    return call();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The simulated budget store of the race running now. */
export const budget: BudgetStore = Object.freeze({
  getMonthlySpend: (tenantId: string) =>
    attempt(() => raceFor("budget.getMonthlySpend").read(tenantId)),
  add: (tenantId: string, usd: number) =>
    attempt(() => raceFor("budget.add").add(tenantId, usd)),
  reserve: (tenantId: string, usd: number) =>
    attempt(() => raceFor("budget.reserve").reserve(tenantId, usd)),
  commit: (hold: Hold, usd: number) =>
    attempt(() => raceFor("budget.commit").commit(hold, usd)),
  release: (hold: Hold) =>
    attempt(() => raceFor("budget.release").release(hold)),
});

/** The simulated model API of the race running now. */
export const llm: Llm = Object.freeze({
  create: (req: LlmRequest) => attempt(() => raceFor("llm.create").create(req)),
});

// Races run one at a time: the environment above belongs to one race.
let queueTail: Promise<unknown> = Promise.resolve();

/**
 * Fires a burst of concurrent calls of `callModel(tenantId, req)`, each
 * against the simulated `budget` and `llm`, in virtual time with seeded
 * latencies, output sizes and failures, and resolves to what happened:
 * the trace, what each request did, the spend (USD) against the limit and
 * any overspend. The same options and seed give the same trace. A request
 * that throws is recorded with its error; one that never finishes is
 * marked stalled. Races called together run one after another.
 */
export function simulateRace(
  callModel: CallModel,
  options: RaceOptions,
): Promise<RaceResult> {
  const run = queueTail.then(() => runRace(callModel, options));
  queueTail = run.catch(() => undefined);
  return run;
}

async function runRace(
  callModel: CallModel,
  options: RaceOptions,
): Promise<RaceResult> {
  if (typeof callModel !== "function") {
    throw new CostInputError(
      "callModel",
      callModel,
      "a function (tenantId, req) that calls the model",
    );
  }
  const race = new Race(settingsOf(options));

  limits[TENANT] = race.settings.limit;
  active = race;
  try {
    await race.run(callModel);
  } finally {
    active = undefined;
  }
  return race.result();
}

// The guards the lesson compares, ready to pass to simulateRace.

/**
 * The guard that looks right: read the month's spend, call the model if it
 * is under the limit, then record the cost. Concurrent calls all read the
 * same spend before any records, so a burst overspends.
 */
export async function checkThenActGuard(
  tenantId: TenantId,
  req: LlmRequest,
): Promise<LlmResponse> {
  const spent = await budget.getMonthlySpend(tenantId);
  if (spent >= LIMIT[tenantId]) throw new BudgetExceeded();
  const res = await llm.create(req);
  await budget.add(tenantId, costOf(res));
  return res;
}

/**
 * The fix: reserve the most the call can cost in one atomic step, call,
 * commit the actual cost, and release the hold if the call fails. Spend
 * never passes the limit.
 */
export async function reserveCommitGuard(
  tenantId: TenantId,
  req: LlmRequest,
): Promise<LlmResponse> {
  const hold = await budget.reserve(tenantId, maxCostOf(req));
  try {
    const res = await llm.create(req);
    await budget.commit(hold, costOf(res));
    return res;
  } catch (error) {
    // A failed commit leaves the hold open too (the amount is checked first).
    await budget.release(hold);
    throw error;
  }
}
