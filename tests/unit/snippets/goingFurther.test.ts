import { describe, expect, test } from "vitest";
import { costOf, formatPercent, models } from "cost";
import * as longContext from "../../../content/snippets/going-further/long-context";
import * as batch from "../../../content/snippets/going-further/batch";
import * as reasoning from "../../../content/snippets/going-further/reasoning";
import * as tools from "../../../content/snippets/going-further/tools";
import * as retries from "../../../content/snippets/going-further/retries";
import * as capstone from "../../../content/snippets/going-further/capstone";

// The claims lesson 7's prose makes about these snippets' numbers.
describe("going further snippets", () => {
  test("crossing Sonnet 4.5's long-context line about doubles the request's cost", () => {
    expect(models["claude-sonnet-4.5"].longContext?.threshold).toBe(200_000);
    expect(longContext.underCost).toBe(0.627);
    expect(longContext.overCost).toBe(1.251);
    expect(longContext.jump).toBeGreaterThan(1.9);
  });

  test("the batch API halves the nightly job", () => {
    expect(batch.batched * 2).toBe(batch.interactive);
    expect(batch.savedPerNight).toBe(batch.batched);
  });

  test("reasoning tokens are most of the bill and counted once", () => {
    expect(reasoning.billed).toBe(0.0525);
    expect(reasoning.visibleOnly).toBe(0.0085);
    expect(reasoning.reasoningShare).toBeGreaterThan(0.8);
  });

  test("caching 24 tool definitions saves most of their cost over 30 steps", () => {
    expect(tools.overhead).toBe("6,000");
    expect(tools.perTask.uncached).toBe(0.54);
    expect(tools.perTask.fraction).toBeGreaterThan(0.8);
  });

  test("retries: four attempts at most, three of them retries, all billed", () => {
    expect(retries.policy).toEqual({ failureRate: 0.25, maxAttempts: 4 });
    expect(retries.perAttempt).toBe(
      costOf({ input_tokens: 8000, output_tokens: 1500 }, "claude-opus-4.5"),
    );
    expect(retries.attempts).toBe(1 + 0.25 + 0.0625 + 0.015625);
    expect(retries.perRequest).toBeCloseTo(retries.perAttempt * retries.attempts, 9);
  });

  test("an Opus attempt's input and output weigh about the same", () => {
    // Lesson 7 says a cheaper input rate leaves most of the waste: the
    // input is about half of each attempt, not a small part or most of it.
    const input = costOf({ input_tokens: 8000, output_tokens: 0 }, "claude-opus-4.5");
    expect(retries.inputShare).toBeCloseTo(input / retries.perAttempt, 12);
    expect(retries.inputShare).toBeGreaterThan(0.4);
    expect(retries.inputShare).toBeLessThan(0.6);
  });

  test("the long-context request grows its prompt by about 1%", () => {
    expect(formatPercent(longContext.promptGrowth, { digits: 0 })).toBe("1%");
  });

  describe("the capstone week", () => {
    const costs = capstone.daily.map((day) => day.cost);
    const siteCost = (site: string, day: string) =>
      capstone.records
        .filter((r) => r.site === site && r.day === day)
        .map((r) => costOf(r.usage, r.model))[0];

    test("spikes on Thursday and stays up", () => {
      expect(capstone.spikeDay).toBe("Thu");
      expect(new Set(costs.slice(0, 3)).size).toBe(1);
      expect(new Set(costs.slice(3)).size).toBe(1);
      expect(costs[3]!).toBeGreaterThan(2 * costs[0]!);
    });

    test("the largest term on the spike day is chat's uncached input", () => {
      expect(capstone.biggest).toMatchObject({ site: "chat", term: "input" });
      const terms = capstone.termsOn("Thu");
      expect(terms[0]).toEqual(capstone.biggest);
      expect(capstone.biggestCost).toBe(capstone.biggest.cost);
      expect(terms.every((t, i) => i === 0 || t.cost <= terms[i - 1]!.cost)).toBe(true);
    });

    test("the agent costs the same every day and request counts never change", () => {
      const days = capstone.daily.map((d) => d.day);
      expect(new Set(days.map((day) => siteCost("agent", day))).size).toBe(1);
      for (const site of ["chat", "summarize", "agent"]) {
        const counts = capstone.records.filter((r) => r.site === site).map((r) => r.requests);
        expect(counts).toHaveLength(7);
        expect(new Set(counts).size).toBe(1);
      }
    });

    test("fixing the cached prefix brings every day back to Monday's cost", () => {
      expect(capstone.fixedDaily.map((d) => d.cost)).toEqual(costs.map(() => costs[0]));
      // The leak is exactly the difference on each broken day.
      const leak = capstone.daily[3]!.cost - capstone.fixedDaily[3]!.cost;
      expect(leak).toBeCloseTo(siteCost("chat", "Thu")! - siteCost("chat", "Mon")!, 9);
    });
  });
});
