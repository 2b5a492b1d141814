// The race the animation runs on its own: which guard, the budget and the
// burst. The same function runs it at build time (for the first, static
// state) and in the browser when the reader changes a control.

import {
  budget,
  checkThenActGuard,
  costOf,
  llm,
  maxCostOf,
  reserveCommitGuard,
  simulateRace,
  type CallModel,
  type LlmRequest,
  type LlmResponse,
  type RaceResult,
  type TenantId,
} from "cost";

export type GuardName = "check-then-act" | "reserve-commit" | "reserve-no-release";

/**
 * Reserve and commit, but a failed call never releases its hold: the bug
 * of content/snippets/budget/leaky-guard.ts, as shipped.
 */
async function reserveNoReleaseGuard(tenantId: TenantId, req: LlmRequest): Promise<LlmResponse> {
  const hold = await budget.reserve(tenantId, maxCostOf(req));
  const res = await llm.create(req);
  await budget.commit(hold, costOf(res));
  return res;
}

/** The built-in guards, by name, with the label a reader sees. */
export const GUARDS: Record<GuardName, { label: string; callModel: CallModel }> = {
  "check-then-act": { label: "Check, then call", callModel: checkThenActGuard },
  "reserve-commit": { label: "Reserve, call, commit", callModel: reserveCommitGuard },
  "reserve-no-release": {
    label: "Reserve, but no release on failure",
    callModel: reserveNoReleaseGuard,
  },
};

export interface RaceScenario {
  guard: GuardName;
  /** The tenant's monthly limit, in USD. */
  limit: number;
  /** USD already spent this month. */
  spent: number;
  /** How many calls arrive together. */
  requests: number;
  seed: number;
  /** Each call of the burst. */
  request: LlmRequest;
  /** Chance from 0 to 1 that a model call fails. */
  failureRate: number;
  /** Calls arrive over this many virtual ms (0: all at once). */
  arrivalWindow: number;
}

/** Most calls the lanes can show, one row each. */
export const MAX_BURST = 100;

/** The lesson's worked check: $1.00 limit, $0.90 spent, five $0.05 calls. */
export const WORKED_SCENARIO: RaceScenario = {
  guard: "check-then-act",
  limit: 1,
  spent: 0.9,
  requests: 5,
  seed: 1,
  // $0.01 of input and $0.04 of output on Claude Haiku 4.5.
  request: {
    model: "claude-haiku-4.5",
    input_tokens: 10_000,
    max_tokens: 8_000,
    output_tokens: 8_000,
  },
  failureRate: 0,
  arrivalWindow: 0,
};

/** Runs a scenario's race with its built-in guard. */
export function runScenario(scenario: RaceScenario): Promise<RaceResult> {
  const { guard, ...options } = scenario;
  return simulateRace(GUARDS[guard].callModel, options);
}

/**
 * A race as plain data for an island's props: the same values, without
 * the fields a step leaves undefined.
 */
export function plainResult(result: RaceResult): RaceResult {
  return JSON.parse(JSON.stringify(result)) as RaceResult;
}
