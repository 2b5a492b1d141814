import { describe, expect, it } from "vitest";
import {
  costOf,
  CostInputError,
  MAX_SESSION_TURNS,
  sessionCost,
  sumUsd,
  type SessionOptions,
} from "cost";

const chat: SessionOptions = {
  model: "claude-sonnet-4.5",
  turns: 50,
  prefixTokens: 4000,
  growthTokensPerTurn: 600,
  outputTokensPerTurn: 400,
};

describe("sessionCost({ model, turns, prefixTokens, growthTokensPerTurn, outputTokensPerTurn })", () => {
  const session = sessionCost(chat);

  it("resends the growing history: 935,000 input tokens over 50 turns", () => {
    expect(session.inputTokens).toBe(935_000);
    expect(session.promptTokens).toBe(935_000);
    expect(session.outputTokens).toBe(20_000);
    expect(session.cacheWriteTokens).toBe(0);
    expect(session.cacheReadTokens).toBe(0);
  });

  it("costs $2.805 of input and $0.30 of output", () => {
    // Priced turn by turn: the session as one request would pass 200,000 tokens.
    const model = "claude-sonnet-4.5";
    const input = session.turns.map((turn) => costOf({ inputTokens: turn.inputTokens }, model));
    const output = session.turns.map((turn) => costOf({ outputTokens: turn.outputTokens }, model));
    expect(sumUsd(input)).toBe(2.805);
    expect(sumUsd(output)).toBe(0.3);
    expect(session.costNanos).toBe(3_105_000_000n);
    expect(session.cost).toBe(3.105);
  });

  it("sends 33,400 prompt tokens on the last turn", () => {
    const last = session.turns.at(-1);
    expect(last?.turn).toBe(50);
    expect(last?.promptTokens).toBe(33_400);
    expect(last?.historyTokens).toBe(29_400);
  });

  it("spends 200,000 of the input on the prefix alone", () => {
    const prefix = session.turns.reduce((total, turn) => total + turn.prefixTokens, 0);
    const history = session.turns.reduce((total, turn) => total + turn.historyTokens, 0);
    expect(prefix).toBe(200_000);
    expect(history).toBe(735_000);
  });

  it("numbers turns from 1 and accumulates their cost", () => {
    expect(session.turns.map((turn) => turn.turn)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const first = session.turns[0]!;
    // 4,000 × 3000 + 400 × 15000 nanos
    expect(first.costNanos).toBe(18_000_000n);
    expect(first.cumulativeCost).toBe(0.018);
    expect(session.turns.at(-1)?.cumulativeCostNanos).toBe(session.costNanos);
    expect(session.turns.at(-1)?.cumulativeCost).toBe(session.cost);
  });

  it("echoes the model and the defaults", () => {
    expect(session).toMatchObject({ model: "claude-sonnet-4.5", cache: "none", ttl: "5m" });
  });
});

describe('sessionCost({ ..., cache: "prefix" })', () => {
  const session = sessionCost({ ...chat, cache: "prefix" });

  it("writes the prefix on turn 1 and reads it on every later turn", () => {
    expect(session.turns[0]).toMatchObject({
      inputTokens: 0,
      cacheWriteTokens: 4000,
      cacheReadTokens: 0,
    });
    expect(session.turns[1]).toMatchObject({
      inputTokens: 600,
      cacheWriteTokens: 0,
      cacheReadTokens: 4000,
    });
    expect(session.inputTokens).toBe(735_000);
    expect(session.cacheWriteTokens).toBe(4000);
    expect(session.cacheReadTokens).toBe(196_000);
  });

  it("costs the sum of its parts", () => {
    // 735,000 × 3000 + 4,000 × 3750 + 196,000 × 300 + 20,000 × 15000 nanos
    expect(session.costNanos).toBe(2_578_800_000n);
  });

  it("prices the write at the 1-hour rate with ttl 1h", () => {
    const hour = sessionCost({ ...chat, cache: "prefix", ttl: "1h" });
    expect(hour.costNanos - session.costNanos).toBe(4000n * (6000n - 3750n));
  });

  it("does not cache a prefix below the model's minimum", () => {
    // Haiku 4.5 caches prompts of 4,096 tokens or more.
    const haiku = { ...chat, model: "claude-haiku-4.5" };
    const cached = sessionCost({ ...haiku, cache: "prefix" });
    expect(cached.cacheWriteTokens + cached.cacheReadTokens).toBe(0);
    expect(cached.costNanos).toBe(sessionCost(haiku).costNanos);
  });
});

describe('sessionCost({ ..., cache: "conversation" })', () => {
  const session = sessionCost({ ...chat, cache: "conversation" });

  it("reads the previous prompt and writes only the new part", () => {
    expect(session.turns[0]).toMatchObject({
      inputTokens: 0,
      cacheWriteTokens: 4000,
      cacheReadTokens: 0,
    });
    expect(session.turns[1]).toMatchObject({
      inputTokens: 0,
      cacheWriteTokens: 600,
      cacheReadTokens: 4000,
    });
    expect(session.turns[49]).toMatchObject({ cacheWriteTokens: 600, cacheReadTokens: 32_800 });
    expect(session.cacheWriteTokens).toBe(33_400);
    expect(session.cacheReadTokens).toBe(901_600);
    expect(session.inputTokens).toBe(0);
  });

  it("caches from the first turn whose prompt reaches the minimum", () => {
    const haiku = sessionCost({
      ...chat,
      model: "claude-haiku-4.5",
      cache: "conversation",
      turns: 3,
    });
    expect(
      haiku.turns.map(({ inputTokens, cacheWriteTokens, cacheReadTokens }) => [
        inputTokens,
        cacheWriteTokens,
        cacheReadTokens,
      ]),
    ).toEqual([
      [4000, 0, 0],
      [0, 4600, 0],
      [0, 600, 4600],
    ]);
  });
});

describe("sessionCost long-context tier", () => {
  it("applies turn by turn once the prompt passes 200,000 tokens", () => {
    const session = sessionCost({
      model: "claude-sonnet-4.5",
      turns: 4,
      prefixTokens: 190_000,
      growthTokensPerTurn: 5000,
      outputTokensPerTurn: 100,
    });
    expect(session.turns.map((turn) => turn.longContext)).toEqual([false, false, false, true]);
    expect(session.turns[3]!.costNanos).toBe(205_000n * 6000n + 100n * 22500n);
    expect(session.turns[2]!.costNanos).toBe(200_000n * 3000n + 100n * 15000n);
  });
});

describe("sessionCost rejects bad options", () => {
  it.each([
    [{ turns: 0 }, "options.turns", "a whole number of turns from 1 to 10,000"],
    [{ turns: MAX_SESSION_TURNS + 1 }, "options.turns", "a whole number of turns from 1 to 10,000"],
    [{ turns: 2.5 }, "options.turns", "a whole number of turns from 1 to 10,000"],
    [{ prefixTokens: -1 }, "options.prefixTokens", "a whole number of tokens from 0 to 10,000,000"],
    [
      { growthTokensPerTurn: NaN },
      "options.growthTokensPerTurn",
      "a whole number of tokens from 0 to 10,000,000",
    ],
    [
      { outputTokensPerTurn: "400" },
      "options.outputTokensPerTurn",
      "a whole number of tokens from 0 to 10,000,000",
    ],
    [{ cache: "all" }, "options.cache", 'one of "none", "prefix", "conversation"'],
    [{ ttl: "10m" }, "options.ttl", 'one of "5m", "1h"'],
    [{ model: "sonnet" }, "options.model", "a model id from `models` or a price entry"],
    [{ cahce: "prefix" }, "options.cahce", "left out: it is not an option here"],
  ])("%o names %s", (override, field, expected) => {
    let error: unknown;
    try {
      sessionCost({ ...chat, ...override } as SessionOptions);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CostInputError);
    expect((error as CostInputError).field).toBe(field);
    expect((error as CostInputError).expected).toBe(expected);
  });

  it("suggests the option a typo meant", () => {
    expect(() => sessionCost({ ...chat, cahce: "prefix" } as SessionOptions)).toThrow(
      'Did you mean "cache"?',
    );
  });

  it("rejects a missing options object", () => {
    expect(() => sessionCost(undefined as never)).toThrow(/^options must be an options object/);
  });

  it("runs the longest session it allows", () => {
    const session = sessionCost({ ...chat, turns: MAX_SESSION_TURNS, cache: "conversation" });
    expect(session.turns).toHaveLength(MAX_SESSION_TURNS);
  });
});
