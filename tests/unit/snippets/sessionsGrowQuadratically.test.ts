import { afterAll, describe, expect, test, vi } from "vitest";
import { models, sessionCost } from "cost";

// The snippets print what they compute; keep the test output quiet.
const log = vi.spyOn(console, "log").mockImplementation(() => {});
const { session } = await import("../../../content/snippets/sessions-grow-quadratically/session");
const terms = await import("../../../content/snippets/sessions-grow-quadratically/three-terms");
const fixes = await import("../../../content/snippets/sessions-grow-quadratically/fixes");
const agent = await import("../../../content/snippets/sessions-grow-quadratically/agent-loop");
afterAll(() => log.mockRestore());

const sonnet = models["claude-sonnet-4.5"];
const chat = {
  model: "claude-sonnet-4.5",
  turns: 30,
  prefixTokens: 5_000,
  growthTokensPerTurn: 1_000,
  outputTokensPerTurn: 400,
};

// The claims lesson 3's prose and quizzes make about these snippets.
describe("lesson 3 snippets", () => {
  test("every snippet prices the same 30-turn chat: 5,000-token prefix, 1,000 a turn, 400 out", () => {
    expect(session).toEqual({ ...chat, cache: "none" });
    expect(sessionCost(session).cost).toBe(terms.total);
    expect(fixes.asIs).toBe(terms.total);
  });

  test("turn 1 sends 5,000 prompt tokens and turn 30 sends 34,000", () => {
    const turns = sessionCost(session).turns;
    expect(turns[0]!.promptTokens).toBe(5_000);
    expect(turns.at(-1)!.promptTokens).toBe(34_000);
    expect(turns.at(-1)!.cost).toBe(0.108);
  });

  test("prefix, history and output by hand add up to sessionCost: $0.45 + $1.305 + $0.18", () => {
    expect(terms.prefixTokens).toBe(150_000);
    expect(terms.historyTokens).toBe(435_000);
    expect(terms.outputTokens).toBe(12_000);
    expect(terms.prefixCost).toBe(0.45);
    expect(terms.historyCost).toBe(1.305);
    expect(terms.outputCost).toBe(0.18);
    expect(terms.prefixCost + terms.historyCost + terms.outputCost).toBeCloseTo(terms.total, 12);
    expect(terms.total).toBe(1.935);
    // The history is the largest term.
    expect(terms.historyCost).toBeGreaterThan(terms.prefixCost + terms.outputCost);
  });

  test("60 turns cost about 3.4 times 30: history a little over fourfold, the rest double", () => {
    const short = sessionCost(session);
    const long = sessionCost({ ...session, turns: 60 });
    expect(long.cost).toBe(6.57);
    expect(long.cost / short.cost).toBeCloseTo(3.4, 1);
    const longHistory = (1_000 * 60 * 59) / 2;
    expect(longHistory / terms.historyTokens).toBeGreaterThan(4);
    expect(longHistory / terms.historyTokens).toBeLessThan(4.1);
  });

  test("caching the conversation cuts the most; the window and the prefix cache less", () => {
    expect(fixes.cachedPrefix).toBe(1.54725);
    expect(fixes.cachedConversation).toBe(0.4728);
    expect(fixes.lastTenTurns).toBe(1.365);
    expect(fixes.shorterAnswers).toBe(1.845);
    expect(fixes.windowTurns).toBe(10);
    const others = [fixes.cachedPrefix, fixes.lastTenTurns, fixes.shorterAnswers];
    for (const cost of others) expect(fixes.cachedConversation).toBeLessThan(cost);
    expect(fixes.lastTenTurns).toBeLessThan(fixes.cachedPrefix);
    // Reads cost a tenth of the input price on Sonnet 4.5.
    expect(sonnet.cacheRead / sonnet.input).toBeCloseTo(0.1, 12);
  });

  test("a cached conversation still grows faster than its length", () => {
    const cached = (turns: number) => sessionCost({ ...session, turns, cache: "conversation" });
    expect(cached(60).cost / cached(30).cost).toBeGreaterThan(2);
    expect(cached(60).cacheReadTokens / cached(30).cacheReadTokens).toBeGreaterThan(3.5);
  });

  test("the chat crosses Sonnet 4.5's 200K long-context line on turn 197", () => {
    const marathon = sessionCost({ ...session, turns: 250 });
    expect(marathon.turns.find((turn) => turn.longContext)?.turn).toBe(197);
    expect(sonnet.longContext!.input).toBeGreaterThan(sonnet.input);
    expect(sonnet.longContext!.output).toBeGreaterThan(sonnet.output);
  });

  test("a 40-step agent task sends 136,700 tokens on its last step; caching cuts it most", () => {
    expect(agent.lastStepPrompt).toBe(8_000 + 3_300 * 39);
    expect(agent.lastStepPrompt).toBeLessThan(sonnet.longContext!.threshold);
    expect(agent.perTask).toBe(8.862);
    expect(agent.perTaskCached).toBeLessThan(agent.perTask / 5);
  });
});
