import { describe, expect, test } from "vitest";
import {
  budget,
  BudgetExceeded,
  BudgetLedger,
  checkRequest,
  CostInputError,
  llm,
  maxCostOf,
  maxCostOfNanos,
} from "cost";

const HAIKU = "claude-haiku-4.5";

function ledgerAt(spent: number, limit = 1): BudgetLedger {
  return new BudgetLedger({ acme: { limit, spent } });
}

describe("BudgetLedger.reserve(tenantId, usd)", () => {
  test("allows reaching the limit exactly", () => {
    const ledger = ledgerAt(0.9);
    ledger.reserve("acme", 0.05);
    ledger.reserve("acme", 0.05);
    expect(ledger.balance("acme")).toEqual({
      limit: 1,
      committed: 0.9,
      held: 0.1,
      holds: 2,
    });
  });

  test("refuses a hold that would pass the limit by one nano-dollar", () => {
    const ledger = ledgerAt(0.9);
    ledger.reserve("acme", 0.1);
    expect(() => ledger.reserve("acme", 0.000000001)).toThrow(BudgetExceeded);
    expect(ledger.balance("acme").holds).toBe(1);
  });

  test("counts holds against the limit, and committed spend too", () => {
    const ledger = ledgerAt(0.5);
    ledger.reserve("acme", 0.3);
    expect(() => ledger.reserve("acme", 0.3)).toThrow(BudgetExceeded);
  });

  test("a refusal says what it would have done", () => {
    const ledger = ledgerAt(0.9);
    ledger.reserve("acme", 0.05);
    let refused: unknown;
    try {
      ledger.reserve("acme", 0.1);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(BudgetExceeded);
    const exceeded = refused as BudgetExceeded;
    expect(exceeded.details).toEqual({
      tenantId: "acme",
      limit: 1,
      committed: 0.9,
      held: 0.05,
      requested: 0.1,
    });
    expect(exceeded.message).toBe(
      'Budget exceeded for tenant "acme": reserving $0.10 on top of $0.90 ' +
        "committed and $0.05 held makes $1.05, past the $1.00 limit",
    );
  });
});

describe("BudgetLedger.commit(hold, usd) and release(hold)", () => {
  test("commit records the actual cost, not the amount held", () => {
    const ledger = ledgerAt(0.9);
    const hold = ledger.reserve("acme", 0.05);
    ledger.commit(hold, 0.0375);
    expect(ledger.balance("acme")).toMatchObject({
      committed: 0.9375,
      held: 0,
      holds: 0,
    });
  });

  test("release frees the hold and spends nothing", () => {
    const ledger = ledgerAt(0.9);
    const hold = ledger.reserve("acme", 0.1);
    ledger.release(hold);
    expect(ledger.balance("acme")).toMatchObject({ committed: 0.9, held: 0 });
    expect(ledger.openHolds()).toEqual([]);
    ledger.reserve("acme", 0.1);
  });

  test("a hold closes once", () => {
    const ledger = ledgerAt(0);
    const hold = ledger.reserve("acme", 0.1);
    ledger.commit(hold, 0.1);
    expect(() => ledger.release(hold)).toThrow(
      /Cannot release hold 1: it was already committed or released/,
    );
    expect(() => ledger.commit(hold, 0.1)).toThrow(CostInputError);
    expect(ledger.getMonthlySpend("acme")).toBe(0.1);
  });

  test("openHolds lists the holds not yet closed, oldest first", () => {
    const ledger = ledgerAt(0);
    const first = ledger.reserve("acme", 0.1);
    const second = ledger.reserve("acme", 0.2);
    ledger.release(first);
    expect(ledger.openHolds()).toEqual([second]);
    expect(second).toEqual({ id: 2, tenantId: "acme", usd: 0.2 });
  });
});

describe("BudgetLedger", () => {
  test("getMonthlySpend counts committed spend, not holds", () => {
    const ledger = ledgerAt(0.25);
    ledger.reserve("acme", 0.5);
    ledger.add("acme", 0.125);
    expect(ledger.getMonthlySpend("acme")).toBe(0.375);
  });

  test("add records spend past the limit: it checks nothing", () => {
    const ledger = ledgerAt(0.9);
    ledger.add("acme", 0.5);
    expect(ledger.getMonthlySpend("acme")).toBe(1.4);
  });

  test("keeps exact nano-dollars where doubles drift", () => {
    const ledger = ledgerAt(0);
    for (let i = 0; i < 10; i++) ledger.add("acme", 0.1);
    expect(ledger.balanceNanos("acme").committed).toBe(1_000_000_000n);
    expect(ledger.getMonthlySpend("acme")).toBe(1);
  });

  test("rejects an unknown tenant, naming the known ones", () => {
    const ledger = ledgerAt(0);
    expect(() => ledger.getMonthlySpend("globex")).toThrow(
      'tenantId must be a tenant with a budget: "acme", received "globex"',
    );
  });

  test.each([
    ["a negative amount", -0.01],
    ["NaN", Number.NaN],
    ["a string", "0.05"],
  ])("rejects %s", (_, usd) => {
    const ledger = ledgerAt(0);
    expect(() => ledger.add("acme", usd as number)).toThrow(
      /usd must be an amount of US dollars ≥ 0/,
    );
  });
});

describe("BudgetExceeded", () => {
  test("can be thrown without details, as a guard does", () => {
    const error = new BudgetExceeded();
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("BudgetExceeded");
    expect(error.message).toBe("Budget exceeded");
    expect(error.details).toBeUndefined();
  });
});

describe("maxCostOf(req)", () => {
  const req = { model: HAIKU, input_tokens: 10_000, max_tokens: 8_000 };

  test("prices the prompt plus max_tokens of output", () => {
    // Haiku 4.5: $1 per million input tokens, $5 per million output.
    expect(maxCostOf(req)).toBe(0.05);
    expect(maxCostOfNanos(req)).toBe(50_000_000n);
  });

  test("ignores a pinned output: it is the most the call can cost", () => {
    expect(maxCostOf({ ...req, output_tokens: 10 })).toBe(0.05);
  });

  test("rejects an unknown model by name", () => {
    expect(() => maxCostOf({ ...req, model: "claude-haiku" })).toThrow(
      /req\.model must be a model id/,
    );
  });
});

describe("checkRequest(req)", () => {
  test("returns a plain copy", () => {
    const req = { model: HAIKU, input_tokens: 5, max_tokens: 10 };
    expect(checkRequest(req)).toEqual(req);
    expect(checkRequest(req)).not.toBe(req);
  });

  test("rejects a pinned output above max_tokens", () => {
    const req = { model: HAIKU, input_tokens: 5, max_tokens: 10 };
    expect(() => checkRequest({ ...req, output_tokens: 11 })).toThrow(
      "req.output_tokens must be a whole number of tokens from 0 to 10, " + "received 11",
    );
  });

  test("rejects a model the simulated llm does not answer for", () => {
    const req = { model: "gpt-4o", input_tokens: 5, max_tokens: 10 };
    expect(() => checkRequest(req)).toThrow(
      'req.model must be an Anthropic model such as "claude-haiku-4.5", ' + 'received "gpt-4o"',
    );
  });

  test("rejects a fractional token count", () => {
    const req = { model: HAIKU, input_tokens: 2.5, max_tokens: 10 };
    expect(() => checkRequest(req)).toThrow(/req\.input_tokens/);
  });
});

describe("budget and llm outside a race", () => {
  test("reject with a message that says where they work", async () => {
    await expect(budget.getMonthlySpend("acme")).rejects.toThrow(
      /budget\.getMonthlySpend works only while simulateRace runs/,
    );
    const req = { model: HAIKU, input_tokens: 1, max_tokens: 1 };
    await expect(llm.create(req)).rejects.toThrow(/llm\.create works only/);
  });
});
