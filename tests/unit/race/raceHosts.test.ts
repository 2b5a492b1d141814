// The same seed gives the same trace whatever moves the clock on. Node has
// setImmediate; the notebook sandbox's worker has MessageChannel (and, in
// a host with neither, setTimeout). Each case loads a fresh copy of the
// simulator with the host's timers stubbed, and compares whole results
// with the ones the Node host gives.

import { afterEach, describe, expect, test, vi } from "vitest";
import * as nodeCost from "cost";
import type { LlmRequest, RaceOptions, RaceResult, TenantId } from "cost";

type Simulator = typeof import("../../../src/cost/index");
type GuardName = "naive" | "reserve" | "leaky" | "early";

/** The guards by name, written against one copy of the simulator. */
function guardsOf(cost: Simulator): Record<GuardName, nodeCost.CallModel> {
  return {
    naive: cost.checkThenActGuard,
    reserve: cost.reserveCommitGuard,
    // Reserves and commits, but never releases the hold of a failed call.
    leaky: async (tenantId: TenantId, req: LlmRequest) => {
      const hold = await cost.budget.reserve(tenantId, cost.maxCostOf(req));
      const res = await cost.llm.create(req);
      await cost.budget.commit(hold, cost.costOf(res));
      return res;
    },
    // Returns early, without a call, once the spend reaches the limit.
    early: async (tenantId: TenantId, req: LlmRequest) => {
      const spent = await cost.budget.getMonthlySpend(tenantId);
      if (spent >= cost.LIMIT[tenantId]) return undefined;
      const res = await cost.llm.create(req);
      await cost.budget.add(tenantId, cost.costOf(res));
      return res;
    },
  };
}

const RACES: [GuardName, RaceOptions][] = [
  ["naive", { limit: 1, spent: 0.9, requests: 12, seed: 1, failureRate: 0.25 }],
  ["naive", { limit: 2, requests: 30, seed: 77, arrivalWindow: 3_000, failureRate: 0.1 }],
  [
    "reserve",
    { limit: 1, spent: 0.5, requests: 25, seed: 4, arrivalWindow: 8_000, failureRate: 0.4 },
  ],
  [
    "reserve",
    {
      limit: 3,
      requests: 40,
      seed: 2_024,
      storeLatency: [1, 40],
      modelLatency: [5, 3_000],
      failureRate: 0.2,
    },
  ],
  [
    "leaky",
    { limit: 1, spent: 0.5, requests: 30, seed: 9, arrivalWindow: 30_000, failureRate: 0.5 },
  ],
  ["early", { limit: 1, spent: 0.8, requests: 20, seed: 31, arrivalWindow: 4_000 }],
];

/** What the Node host, with setImmediate, gives for each race. */
async function nodeResults(): Promise<RaceResult[]> {
  const guards = guardsOf(nodeCost);
  const results: RaceResult[] = [];
  for (const [name, options] of RACES) {
    results.push(await nodeCost.simulateRace(guards[name], options));
  }
  return results;
}

/** A fresh copy of the simulator, loaded with the host's timers stubbed. */
async function simulatorWithout(names: readonly string[]): Promise<Simulator> {
  for (const name of names) vi.stubGlobal(name, undefined);
  vi.resetModules();
  return import("../../../src/cost/index");
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe("simulateRace in hosts without setImmediate", () => {
  test.each([
    ["MessageChannel, as in the sandbox's worker", ["setImmediate"]],
    ["setTimeout, with neither", ["setImmediate", "MessageChannel"]],
  ])("gives the Node trace, event for event, with %s", async (_host, stubbed) => {
    const expected = await nodeResults();
    // The races must show what they are meant to: failures, refusals, leaks.
    expect(expected.some((r) => r.failed > 0)).toBe(true);
    expect(expected.some((r) => r.rejected > 0)).toBe(true);
    expect(expected.some((r) => r.leakedHolds > 0)).toBe(true);
    expect(expected.some((r) => r.overspend > 0)).toBe(true);
    expect(new Set(expected.map((r) => r.trace.length)).size).toBe(RACES.length);

    const cost = await simulatorWithout(stubbed);
    expect(globalThis.setImmediate).toBeUndefined();
    // A copy of its own: the clock picks its host's timers when it loads.
    expect(cost.simulateRace).not.toBe(nodeCost.simulateRace);
    const guards = guardsOf(cost);
    for (const [index, [name, options]] of RACES.entries()) {
      const result = await cost.simulateRace(guards[name], options);
      expect(result, `${name}, seed ${options.seed}`).toEqual(expected[index]);
    }
  });
});
