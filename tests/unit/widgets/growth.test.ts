import { describe, expect, test } from "vitest";
import { sessionCost } from "cost";
import { fallbackValues } from "../../../components/widgets/shared/scenario";
import {
  sessionFigures,
  sessionSchema,
  type SessionValues,
} from "../../../components/widgets/SessionGrowth/growth";

const defaults = fallbackValues(sessionSchema);

function scenario(changes: Partial<SessionValues>): SessionValues {
  return { ...defaults, ...changes };
}

describe("sessionFigures(values)", () => {
  test("is the cost module's session, turn by turn", () => {
    const figures = sessionFigures(defaults);
    const expected = sessionCost({
      model: "claude-sonnet-4.5",
      turns: 30,
      prefixTokens: 5_000,
      growthTokensPerTurn: 1_000,
      outputTokensPerTurn: 400,
      cache: "none",
    });
    expect(figures.session).toEqual(expected);
  });

  test("the prefix's share counts the prefix once per turn", () => {
    const figures = sessionFigures(
      scenario({ turns: 10, prefixTokens: 1_000, growthTokensPerTurn: 1_000 }),
    );
    // 10 prefixes of 1,000 among 1,000 × (1 + 2 + … + 10) = 55,000 prompt tokens.
    expect(figures.prefixShare).toBeCloseTo(10_000 / 55_000, 12);
    expect(figures.summary).toContain("The 1,000-token prefix, re-sent every turn, is 18.2%");
  });

  test("names the quadratic shape: twice the turns cost more than twice as much", () => {
    const figures = sessionFigures(defaults);
    const doubled = sessionCost({ ...sessionOptions(defaults), turns: 60 });
    const factor = Number(doubled.costNanos) / Number(figures.session.costNanos);
    expect(figures.doublingFactor).toBeCloseTo(factor, 12);
    expect(factor).toBeGreaterThan(2);
    expect(figures.quadratic).toMatch(
      /^Twice the turns \(60\) cost 3\.\d× as much: the bill grows faster/,
    );
  });

  test("without growth the bill grows in step with the session", () => {
    const figures = sessionFigures(scenario({ growthTokensPerTurn: 0 }));
    expect(figures.doublingFactor).toBe(2);
    expect(figures.quadratic).toContain("in step with the session");
  });

  test("labels the last turn's prompt against turn 1's, and the prefix's share", () => {
    const figures = sessionFigures(defaults);
    const turns = figures.session.turns;
    // Turn 30 sends 5,000 + 29 × 1,000 = 34,000 prompt tokens; turn 1 sends 5,000.
    expect(turns[29]!.promptTokens / turns[0]!.promptTokens).toBe(6.8);
    expect(figures.promptGrowth).toBe(6.8);
    expect(figures.growthLabel).toBe("Turn 30: 6.8× turn 1");
    // 30 prefixes of 5,000 among 30 × 5,000 + 1,000 × (0 + … + 29) prompt tokens.
    expect(figures.prefixLabel).toBe("Prefix: 25.6% of prompt tokens");
    expect(figures.prefixShare).toBeCloseTo(150_000 / 585_000, 12);
  });

  test("a session of one turn has no growth label, and says turn, not turns", () => {
    const figures = sessionFigures(scenario({ turns: 1 }));
    expect(figures.promptGrowth).toBeNull();
    expect(figures.growthLabel).toBe("");
    expect(figures.summary).toMatch(/^1 turn sends 5,000 prompt tokens and costs \$/);
    expect(sessionFigures(scenario({ turns: 2 })).summary).toMatch(
      /^2 turns send 11,000 prompt tokens and cost \$/,
    );
  });

  test("says what the cache read and wrote", () => {
    const figures = sessionFigures(scenario({ cache: "prefix", turns: 3 }));
    expect(figures.summary).toContain(
      "10,000 tokens are read from the cache and 5,000 written to it.",
    );
  });
});

function sessionOptions(values: SessionValues) {
  const { model, turns, prefixTokens, growthTokensPerTurn, outputTokensPerTurn, cache } = values;
  return { model, turns, prefixTokens, growthTokensPerTurn, outputTokensPerTurn, cache };
}
