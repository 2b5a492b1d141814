import { describe, expect, test, vi } from "vitest";
import {
  budget,
  BudgetExceeded,
  costOf,
  LIMIT,
  llm,
  maxCostOf,
  nanosFromUsd,
  reserveCommitGuard,
  simulateRace,
  type CallModel,
  type LlmRequest,
  type RaceOptions,
  type TenantId,
} from "cost";
import {
  GUARDS,
  plainResult,
  runScenario,
  WORKED_SCENARIO,
  type GuardName,
} from "../../../components/race/scenario";

/** Runs a snippet as the notebook does, keeping what it prints. */
async function run<T>(load: () => Promise<T>): Promise<[T, string[]]> {
  const printed: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...parts) => {
    printed.push(parts.join(" "));
  });
  try {
    return [await load(), printed];
  } finally {
    log.mockRestore();
  }
}

const [naive, naiveOutput] = await run(
  () => import("../../../content/snippets/budget/naive-guard"),
);
const [fixed, fixedOutput] = await run(
  () => import("../../../content/snippets/budget/reserve-commit"),
);
const [cap, capOutput] = await run(() => import("../../../content/snippets/budget/request-cap"));
const [reconcile, reconcileOutput] = await run(
  () => import("../../../content/snippets/budget/reconcile"),
);
const [leaky, leakyOutput] = await run(
  () => import("../../../content/snippets/budget/leaky-guard"),
);

const usd = (amount: number): bigint => nanosFromUsd(amount);
const { guard: _guard, ...WORKED } = WORKED_SCENARIO;

describe("content/snippets/budget/naive-guard.ts", () => {
  test("admits all five calls and spends $1.15 of a $1.00 budget", () => {
    expect(naive.result).toMatchObject({
      limit: 1,
      spent: 1.15,
      overspend: 0.15,
      admitted: 5,
      rejected: 0,
    });
    expect(naiveOutput).toEqual(["5 of 5 calls admitted", "spent $1.15 of $1.00"]);
  });

  test("its guard overspends on a larger burst too", async () => {
    const result = await simulateRace(naive.callModel, {
      limit: 1,
      spent: 0.9,
      requests: 50,
      seed: 5,
    });
    expect(result.admitted).toBe(50);
    expect(result.overspend).toBeGreaterThan(0.5);
  });
});

describe("content/snippets/budget/reserve-commit.ts", () => {
  test("admits two calls and never passes $1.00", () => {
    expect(fixed.result).toMatchObject({
      spent: 1,
      recorded: 1,
      overspend: 0,
      admitted: 2,
      rejected: 3,
      openHolds: [],
    });
    expect(fixedOutput).toEqual(["2 of 5 calls admitted", "spent $1.00 of $1.00"]);
    for (const event of fixed.result.trace) {
      expect(event.committed + event.held).toBeLessThanOrEqual(1);
    }
  });

  test("releases the hold of every failed call", async () => {
    const result = await simulateRace(fixed.callModel, {
      limit: 1,
      spent: 0.5,
      requests: 40,
      seed: 8,
      failureRate: 0.3,
      arrivalWindow: 20_000,
    });
    expect(result.failed).toBeGreaterThan(0);
    expect(result.openHolds).toEqual([]);
    expect(result.overspend).toBe(0);
    expect(result.recorded).toBe(result.spent);
  });
});

describe("lesson 5's claims about naive-guard.ts", () => {
  test("exports what it admitted and spent, for the prediction", () => {
    expect(naive.admitted).toBe(5);
    expect(naive.spent).toBe(1.15);
  });

  test("every read is done before the first cost is recorded", () => {
    const times = (step: string) =>
      naive.result.trace.filter((event) => event.step === step).map((event) => event.time);
    expect(Math.max(...times("read"))).toBeLessThan(Math.min(...times("add")));
  });

  test("checking the spend plus the call's own cost still spends $1.15", async () => {
    const withCost = async (tenantId: TenantId, req: LlmRequest) => {
      const spent = await budget.getMonthlySpend(tenantId);
      if (spent + maxCostOf(req) > LIMIT[tenantId]) throw new BudgetExceeded();
      const res = await llm.create(req);
      await budget.add(tenantId, costOf(res));
      return res;
    };
    const result = await simulateRace(withCost, WORKED);
    expect(result).toMatchObject({ admitted: 5, spent: 1.15 });
    expect(naive.result.requests[0]?.billed).toBe(0.05);
  });
});

describe("content/snippets/budget/request-cap.ts", () => {
  test("a tighter max_tokens holds less and admits more of the same burst", () => {
    expect(cap.wideHold).toBe(0.05);
    expect(cap.tightHold).toBe(0.02);
    expect(cap.wideRace).toMatchObject({ admitted: 2, overspend: 0, openHolds: [] });
    expect(cap.tightRace).toMatchObject({ admitted: 5, overspend: 0, openHolds: [] });
    expect(cap.tightRace.spent).toBeGreaterThan(cap.wideRace.spent);
    expect(capOutput).toEqual([
      "max_tokens 8,000: holds $0.05 a call",
      "  2 of 10 admitted, $0.935 spent",
      "max_tokens 2,000: holds $0.02 a call",
      "  5 of 10 admitted, $0.9875 spent",
    ]);
  });

  test("the replies cost the same under either cap", () => {
    const billed = [...cap.wideRace.requests, ...cap.tightRace.requests]
      .filter((request) => request.modelCalls > 0)
      .map((request) => request.billed);
    expect(new Set(billed)).toEqual(new Set([0.0175]));
  });
});

describe("content/snippets/budget/reconcile.ts", () => {
  test("committing the hold records the limit while the bill stays below it", () => {
    const { estimated } = reconcile;
    expect(estimated.recorded).toBe(1);
    expect(estimated.spent).toBeLessThan(estimated.recorded);
  });

  test("committing the actual cost admits more, and the ledger matches the bill", () => {
    const { estimated, reconciled } = reconcile;
    expect(reconciled.admitted).toBeGreaterThan(estimated.admitted);
    expect(reconciled.recorded).toBe(reconciled.spent);
    expect(reconciled.overspend).toBe(0);
    expect(reconcileOutput).toEqual([
      "estimated: 10 admitted, $1.00 recorded, $0.8513 billed",
      "reconciled: 14 admitted, $0.954 recorded, $0.954 billed",
    ]);
  });
});

describe("content/snippets/budget/leaky-guard.ts", () => {
  test("each failed call leaks its hold, and no further hold fits", () => {
    expect(leaky.leakedHolds).toBe(3);
    expect(leaky.result.failed).toBe(3);
    expect(leaky.held).toBe(0.15);
    const room = usd(leaky.result.limit) - usd(leaky.spent) - usd(leaky.held);
    expect(room).toBeLessThan(usd(maxCostOf(leaky.badHour.request)));
    expect(leaky.spent).toBeLessThan(leaky.result.limit);
    expect(leakyOutput).toEqual([
      "9 calls admitted, 21 refused",
      "spent $0.8198 of $1.00",
      "3 holds never released, locking $0.15",
    ]);
  });

  test("with the release in place, the same hour admits more and leaks nothing", async () => {
    const result = await simulateRace(reserveCommitGuard, leaky.badHour);
    expect(result.admitted).toBeGreaterThan(leaky.admitted);
    expect(result.openHolds).toEqual([]);
    expect(result.overspend).toBe(0);
  });
});

describe("the race widget's stand-ins for the shipped snippets", () => {
  const shipped: [GuardName, CallModel, RaceOptions][] = [
    ["check-then-act", naive.callModel, WORKED],
    ["reserve-commit", fixed.callModel, WORKED],
    ["reserve-no-release", leaky.callModel, leaky.badHour],
  ];

  test.each(shipped)(
    "%s races exactly as the snippet's callModel",
    async (guard, callModel, options) => {
      for (const seed of [1, 2, 3]) {
        for (const change of [{}, { requests: 40, failureRate: 0.3, arrivalWindow: 5_000 }]) {
          const race = { ...options, ...change, seed };
          const ours = await simulateRace(GUARDS[guard].callModel, race);
          const theirs = await simulateRace(callModel, race);
          expect(plainResult(ours)).toEqual(plainResult(theirs));
        }
      }
    },
  );

  test("the widget's first race is each snippet's own race", async () => {
    const first = (guard: GuardName, options: Partial<RaceOptions> = {}) =>
      runScenario({ ...WORKED_SCENARIO, ...options, guard } as typeof WORKED_SCENARIO);
    expect(plainResult(await first("check-then-act"))).toEqual(plainResult(naive.result));
    expect(plainResult(await first("reserve-commit"))).toEqual(plainResult(fixed.result));
    expect(plainResult(await first("reserve-no-release", leaky.badHour))).toEqual(
      plainResult(leaky.result),
    );
  });
});
