import { describe, expect, test } from "vitest";
import {
  budget,
  BudgetExceeded,
  checkThenActGuard,
  CostInputError,
  costOf,
  llm,
  LIMIT,
  maxCostOf,
  reserveCommitGuard,
  simulateRace,
  type LlmRequest,
  type RaceEvent,
  type RaceResult,
  type TenantId,
} from "cost";

// $0.01 of input and $0.04 of output on Haiku 4.5: exactly $0.05 a call.
const FIVE_CENTS: LlmRequest = {
  model: "claude-haiku-4.5",
  input_tokens: 10_000,
  max_tokens: 8_000,
  output_tokens: 8_000,
};

const WORKED = { limit: 1, spent: 0.9, requests: 5, request: FIVE_CENTS };

function stepsOf(result: RaceResult, request: number): string[] {
  return result.trace.filter((event) => event.request === request).map((event) => event.step);
}

function highWater(trace: readonly RaceEvent[]): number {
  return Math.max(...trace.map((event) => event.committed + event.held));
}

describe("simulateRace: the worked check", () => {
  test("the check-then-act guard admits all five and spends $1.15", async () => {
    const result = await simulateRace(checkThenActGuard, WORKED);
    expect(result).toMatchObject({
      limit: 1,
      initialSpent: 0.9,
      spent: 1.15,
      recorded: 1.15,
      overspend: 0.15,
      admitted: 5,
      rejected: 0,
      leakedHolds: 0,
    });
  });

  test("every read sees $0.90: no call has recorded yet", async () => {
    const result = await simulateRace(checkThenActGuard, WORKED);
    const reads = result.trace.filter((event) => event.step === "read");
    expect(reads.map((event) => event.usd)).toEqual([0.9, 0.9, 0.9, 0.9, 0.9]);
    const firstAdd = result.trace.find((event) => event.step === "add");
    const lastRead = reads.at(-1);
    expect(firstAdd!.time).toBeGreaterThan(lastRead!.time);
  });

  test("reserve/commit admits two and never passes $1.00", async () => {
    const result = await simulateRace(reserveCommitGuard, WORKED);
    expect(result).toMatchObject({
      spent: 1,
      recorded: 1,
      overspend: 0,
      admitted: 2,
      rejected: 3,
      held: 0,
      openHolds: [],
    });
    expect(highWater(result.trace)).toBeLessThanOrEqual(1);
  });

  test("each request's steps come in order", async () => {
    const naive = await simulateRace(checkThenActGuard, WORKED);
    for (let i = 0; i < 5; i++) {
      expect(stepsOf(naive, i)).toEqual([
        "start",
        "read",
        "check",
        "call-start",
        "call-end",
        "add",
        "done",
      ]);
    }

    const fixed = await simulateRace(reserveCommitGuard, WORKED);
    const lanes = [0, 1, 2, 3, 4].map((i) => stepsOf(fixed, i).join(" "));
    expect(lanes.sort()).toEqual([
      "start deny reject",
      "start deny reject",
      "start deny reject",
      "start reserve call-start call-end commit done",
      "start reserve call-start call-end commit done",
    ]);
  });

  test("events carry the ledger after each step", async () => {
    const result = await simulateRace(reserveCommitGuard, WORKED);
    const reserves = result.trace.filter((event) => event.step === "reserve");
    expect(reserves.map((event) => [event.committed, event.held])).toEqual([
      [0.9, 0.05],
      [0.9, 0.1],
    ]);
    const ends = result.trace.filter((event) => event.step === "call-end");
    expect(ends.map((event) => event.usd)).toEqual([0.05, 0.05]);
    const last = result.trace.at(-1)!;
    expect([last.committed, last.held]).toEqual([1, 0]);
  });

  test("LIMIT holds the race's limit while it runs", async () => {
    let seen: number | undefined;
    await simulateRace(
      async (tenantId: TenantId) => {
        seen = LIMIT[tenantId];
      },
      { limit: 2.5, requests: 1 },
    );
    expect(seen).toBe(2.5);
  });
});

describe("simulateRace: determinism", () => {
  const options = { limit: 5, spent: 1, requests: 40, failureRate: 0.2 };

  test("the same seed gives the same trace, event for event", async () => {
    const first = await simulateRace(reserveCommitGuard, { ...options, seed: 7 });
    const again = await simulateRace(reserveCommitGuard, { ...options, seed: 7 });
    expect(again).toEqual(first);
  });

  test("another seed gives other latencies and outputs", async () => {
    const a = await simulateRace(checkThenActGuard, { ...options, seed: 1 });
    const b = await simulateRace(checkThenActGuard, { ...options, seed: 2 });
    expect(b.trace.map((event) => event.time)).not.toEqual(a.trace.map((event) => event.time));
    expect(b.spent).not.toBe(a.spent);
  });

  test("a request behaves the same whatever the guard", async () => {
    const race = { ...options, limit: 100, seed: 3 };
    const naive = await simulateRace(checkThenActGuard, race);
    const fixed = await simulateRace(reserveCommitGuard, race);
    expect(fixed.requests.map((request) => request.billed)).toEqual(
      naive.requests.map((request) => request.billed),
    );
  });

  test("a request behaves the same however large the burst", async () => {
    const small = await simulateRace(checkThenActGuard, {
      ...options,
      limit: 100,
      requests: 3,
    });
    const large = await simulateRace(checkThenActGuard, {
      ...options,
      limit: 100,
      requests: 30,
    });
    expect(large.requests.slice(0, 3)).toEqual(small.requests);
  });

  test("seeded outputs stay within max_tokens", async () => {
    const result = await simulateRace(checkThenActGuard, {
      limit: 1000,
      requests: 200,
    });
    const most = maxCostOf({
      model: "claude-haiku-4.5",
      input_tokens: 10_000,
      max_tokens: 8_000,
    });
    const billed = result.requests.map((request) => request.billed);
    expect(Math.max(...billed)).toBeLessThanOrEqual(most);
    expect(new Set(billed).size).toBeGreaterThan(100);
  });
});

describe("simulateRace: a burst of 10,000", () => {
  // How fast it runs is the bench's business (npm run bench -- race).
  test("finishes every request and holds the line", async () => {
    const result = await simulateRace(reserveCommitGuard, {
      limit: 100,
      requests: 10_000,
      failureRate: 0.05,
    });

    expect(result.requests).toHaveLength(10_000);
    expect(result.stalled).toBe(0);
    expect(result.overspend).toBe(0);
    expect(result.openHolds).toEqual([]);
    // A budget of $100 and at most $0.05 held per call: at least 2,000 go.
    expect(result.admitted).toBeGreaterThanOrEqual(2_000);
    expect(result.failed).toBeGreaterThan(0);
  });
});

describe("simulateRace: guards that go wrong", () => {
  test("a call that never resolves is marked stalled", async () => {
    const result = await simulateRace(
      async (tenantId: TenantId, req: LlmRequest) => {
        await budget.getMonthlySpend(tenantId);
        if (req.input_tokens >= 0) await new Promise(() => {});
      },
      { limit: 1, requests: 3 },
    );
    expect(result.stalled).toBe(3);
    expect(result.requests.every((r) => r.outcome === "stalled")).toBe(true);
    expect(stepsOf(result, 0)).toEqual(["start", "read", "stall"]);
    expect(result.requests[0]!.message).toMatch(/Never finished/);
  });

  test("only the requests that hang are stalled", async () => {
    const hangs = { ...FIVE_CENTS, input_tokens: 1 };
    const result = await simulateRace(
      async (tenantId: TenantId, req: LlmRequest) => {
        await checkThenActGuard(tenantId, req);
        if (req.input_tokens === 1) await new Promise(() => {});
      },
      { limit: 1, requests: [FIVE_CENTS, hangs, FIVE_CENTS] },
    );
    const outcomes = result.requests.map((request) => request.outcome);
    expect(outcomes).toEqual(["ok", "stalled", "ok"]);
    expect(result.stalled).toBe(1);
    expect(stepsOf(result, 1).at(-2)).toBe("add");
  });

  test("a retry loop that never gives up stops at the time limit", async () => {
    const result = await simulateRace(
      async (tenantId: TenantId) => {
        for (;;) await budget.getMonthlySpend(tenantId);
      },
      { limit: 1, requests: 2, timeLimit: 5_000 },
    );
    expect(result.stalled).toBe(2);
    expect(result.requests[0]!.message).toBe("Still running after 5,000 ms of virtual time");
  });

  test("a loop of fast store calls stops at the step limit", async () => {
    const result = await simulateRace(
      async (tenantId: TenantId) => {
        for (;;) await budget.getMonthlySpend(tenantId);
      },
      { limit: 1, requests: 100, storeLatency: [1, 1] },
    );
    expect(result.stalled).toBe(100);
    expect(result.requests[0]!.message).toBe("Still running after 200,000 steps");
    expect(result.trace.length).toBeLessThan(200_000 + 200);
  });

  test("a guard that throws is recorded with its error", async () => {
    const result = await simulateRace(
      async (tenantId: TenantId, req: LlmRequest) => {
        const spent = await budget.getMonthlySpend(tenantId);
        if (spent < 2) throw new TypeError(`cannot price ${req.max_tokens}`);
      },
      { limit: 1, requests: 2 },
    );
    expect(result.failed).toBe(2);
    expect(result.requests[0]).toMatchObject({
      outcome: "error",
      message: "TypeError: cannot price 8000",
    });
    expect(stepsOf(result, 1)).toEqual(["start", "read", "check", "error"]);
    const check = result.trace.find((event) => event.step === "check");
    expect(check?.ok).toBe(false);
  });

  test("a guard that returns early after its read is recorded as stopping at the check", async () => {
    const result = await simulateRace(
      async (tenantId: TenantId, req: LlmRequest) => {
        const spent = await budget.getMonthlySpend(tenantId);
        if (spent >= LIMIT[tenantId]) return undefined;
        return llm.create(req);
      },
      { limit: 1, spent: 1, requests: 2 },
    );
    expect(result.requests.map((request) => request.outcome)).toEqual(["ok", "ok"]);
    expect(stepsOf(result, 0)).toEqual(["start", "read", "check", "done"]);
    const checks = result.trace.filter((event) => event.step === "check");
    expect(checks.map((event) => event.ok)).toEqual([false, false]);
    expect(result.admitted).toBe(0);
  });

  test("a guard that refuses after its read is recorded as stopping at the check", async () => {
    const result = await simulateRace(checkThenActGuard, { limit: 1, spent: 1, requests: 1 });
    expect(stepsOf(result, 0)).toEqual(["start", "read", "check", "reject"]);
    expect(result.trace.find((event) => event.step === "check")?.ok).toBe(false);
  });

  test("an ending that follows another step records no check", async () => {
    const result = await simulateRace(
      async (tenantId: TenantId) => {
        await budget.getMonthlySpend(tenantId);
        await budget.add(tenantId, 0.01);
      },
      { limit: 1, requests: 1 },
    );
    expect(stepsOf(result, 0)).toEqual(["start", "read", "add", "done"]);
  });

  test("a guard that throws before its first await too", () => {
    return simulateRace(
      () => {
        throw new Error("boom");
      },
      { limit: 1, requests: 1 },
    ).then((result) => {
      expect(result.requests[0]).toMatchObject({
        outcome: "error",
        message: "Error: boom",
      });
    });
  });

  test("a guard that forgets to record overspends without knowing", async () => {
    const result = await simulateRace(
      async (tenantId: TenantId, req: LlmRequest) => {
        const spent = await budget.getMonthlySpend(tenantId);
        if (spent >= LIMIT[tenantId]) throw new BudgetExceeded();
        return llm.create(req);
      },
      { ...WORKED, requests: 40, arrivalWindow: 20_000 },
    );
    expect(result.recorded).toBe(0.9);
    expect(result.spent).toBe(0.9 + 40 * 0.05);
    expect(result.admitted).toBe(40);
  });
});

// Reserves and calls, commits on success, but never releases on failure.
async function leakyGuard(tenantId: TenantId, req: LlmRequest) {
  const hold = await budget.reserve(tenantId, maxCostOf(req));
  const res = await llm.create(req);
  await budget.commit(hold, costOf(res));
  return res;
}

describe("simulateRace: failed calls and holds", () => {
  const spread = {
    limit: 1,
    spent: 0.5,
    requests: 30,
    request: FIVE_CENTS,
    arrivalWindow: 30_000,
    failureRate: 0.5,
    seed: 4,
  };

  test("reserve/commit releases the hold of a failed call", async () => {
    const result = await simulateRace(reserveCommitGuard, spread);
    expect(result.failed).toBeGreaterThan(0);
    expect(result.openHolds).toEqual([]);
    const releases = result.trace.filter((e) => e.step === "release");
    const fails = result.trace.filter((e) => e.step === "call-fail");
    expect(releases).toHaveLength(fails.length);
    expect(result.recorded).toBe(result.spent);
    expect(result.spent).toBeLessThanOrEqual(1);
  });

  test("a guard that forgets to release leaks holds that starve later calls", async () => {
    const fixed = await simulateRace(reserveCommitGuard, spread);
    const leaky = await simulateRace(leakyGuard, spread);

    expect(leaky.leakedHolds).toBeGreaterThan(0);
    expect(leaky.openHolds.every((hold) => hold.leaked)).toBe(true);
    expect(leaky.held).toBeCloseTo(leaky.leakedHolds * 0.05, 9);
    // Nothing overspent, but the leaked holds refuse calls the budget had
    // room for: less is spent than with the guard that releases.
    expect(leaky.spent).toBeLessThan(fixed.spent);
    expect(leaky.spent + leaky.held).toBeCloseTo(1, 9);
    const lastDeny = leaky.trace.findLast((e) => e.step === "deny")!;
    expect(lastDeny.committed).toBeLessThan(1 - 0.05);
  });

  test("a failed call is not billed", async () => {
    const result = await simulateRace(checkThenActGuard, {
      ...spread,
      limit: 100,
      failureRate: 1,
    });
    expect(result.spent).toBe(0.5);
    expect(result.failed).toBe(30);
    expect(result.requests[0]!.message).toMatch(/^LlmError: .*529/);
  });
});

describe("simulateRace: telling requests apart", () => {
  // Helpers add microtask turns between a store call and the next one.
  async function spendOf(tenantId: TenantId): Promise<number> {
    return await budget.getMonthlySpend(tenantId);
  }
  async function deeper(tenantId: TenantId): Promise<number> {
    const value = await spendOf(tenantId);
    return value;
  }

  test("store calls are attributed through nested async helpers", async () => {
    const result = await simulateRace(
      async (tenantId: TenantId, req: LlmRequest) => {
        await deeper(tenantId);
        const res = await llm.create({ ...req, max_tokens: 100 });
        await deeper(tenantId);
        await budget.add(tenantId, costOf(res));
      },
      { limit: 100, requests: 50, storeLatency: [1, 2], seed: 9 },
    );
    for (let i = 0; i < 50; i++) {
      expect(stepsOf(result, i)).toEqual([
        "start",
        "read",
        "check",
        "call-start",
        "call-end",
        "read",
        "add",
        "done",
      ]);
    }
  });
});

describe("simulateRace(callModel, options)", () => {
  test("streams each event to onEvent as it happens", async () => {
    const seen: RaceEvent[] = [];
    const result = await simulateRace(checkThenActGuard, {
      ...WORKED,
      onEvent: (event) => seen.push(event),
    });
    expect(seen).toEqual(result.trace);
  });

  test("races called together run one after the other", async () => {
    const [naive, fixed] = await Promise.all([
      simulateRace(checkThenActGuard, WORKED),
      simulateRace(reserveCommitGuard, WORKED),
    ]);
    expect(naive.spent).toBe(1.15);
    expect(fixed.spent).toBe(1);
  });

  test("a burst of none finishes at once", async () => {
    const result = await simulateRace(checkThenActGuard, {
      limit: 1,
      requests: 0,
    });
    expect(result).toMatchObject({ spent: 0, duration: 0, trace: [] });
  });

  test("rejects a misspelt option, suggesting the right one", async () => {
    const options = { limit: 1, requests: 5, sead: 3 };
    await expect(simulateRace(checkThenActGuard, options)).rejects.toThrow('Did you mean "seed"?');
  });

  test.each([
    [{ limit: -1, requests: 1 }, /options\.limit must be an amount/],
    [{ limit: 1, requests: 1.5 }, /options\.requests must be a whole number/],
    [{ limit: 1, requests: 1, modelLatency: [0, 5] }, /modelLatency\[0\]/],
    [{ limit: 1, requests: 1, storeLatency: [9, 5] }, /storeLatency\[1\]/],
    [{ limit: 1, requests: 1, failureRate: 2 }, /failureRate/],
    [{ limit: 1, requests: [{ model: "gpt-9" }] }, /requests\[0\]\.model/],
  ])("rejects bad options: %o", async (options, message) => {
    await expect(simulateRace(checkThenActGuard, options as never)).rejects.toThrow(message);
  });

  test("rejects a callModel that is not a function", async () => {
    await expect(simulateRace("callModel" as never, WORKED)).rejects.toBeInstanceOf(CostInputError);
  });
});
