import { describe, expect, test } from "vitest";
import * as session from "../../../content/snippets/cost-spike-loop/session";
import * as cascade from "../../../content/snippets/cost-spike-loop/cascade";
import * as cache from "../../../content/snippets/cost-spike-loop/cache";

// The worked figures of lesson 1, the test vectors this guide grew from.
describe("lesson 1 snippets", () => {
  test("the 50-turn session sends 935,000 input tokens ($2.805) and 20,000 output ($0.30)", () => {
    expect(session.inputTokens).toBe(935_000);
    expect(session.inputCost).toBe(2.805);
    expect(session.outputTokens).toBe(20_000);
    expect(session.outputCost).toBe(0.3);
    expect(session.lastTurnPrompt).toBe(33_400);
    expect(session.prefixTokensSent).toBe(200_000);
    expect(session.inputCost).toBeGreaterThan(session.outputCost);
  });

  test("Haiku first, Opus on escalation: $0.0035 + p × $0.0175, break-even 0.8", () => {
    expect(cascade.cheapPerJob).toBe(0.0035);
    expect(cascade.strongPerJob).toBe(0.0175);
    expect(cascade.breakEven).toBe(0.8);
    expect(cascade.atThirtyPercent).toBe(0.00875);
  });

  test("a 10,000-token prefix over 50 turns: $1.50 uncached, $0.1845 cached, wins on turn 2", () => {
    expect(cache.savings.uncached).toBe(1.5);
    expect(cache.savings.cached).toBe(0.1845);
    expect(cache.savings.fraction).toBe(0.877);
    expect(cache.savings.breakEvenTurn).toBe(2);
    const [one, two] = cache.firstTurns;
    expect(one!.cached).toBeGreaterThan(one!.uncached);
    expect(two!.cached / two!.uncached).toBeCloseTo(1.35 / 2, 12);
  });
});
