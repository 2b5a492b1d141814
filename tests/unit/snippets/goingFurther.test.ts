import { describe, expect, test } from "vitest";
import { costOf, models } from "cost";
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

  test("retries bill about a third more per request", () => {
    expect(retries.perAttempt).toBe(
      costOf({ input_tokens: 8000, output_tokens: 1500 }, "claude-opus-4.5"),
    );
    expect(retries.attempts).toBe(1 + 0.25 + 0.0625 + 0.015625);
    expect(retries.perRequest).toBeCloseTo(retries.perAttempt * retries.attempts, 9);
  });

  test("the capstone's spike starts Thursday, stays up, and is chat's uncached input", () => {
    expect(capstone.spikeDay).toBe("Thu");
    const costs = capstone.daily.map((day) => day.cost);
    expect(new Set(costs.slice(0, 3)).size).toBe(1);
    expect(new Set(costs.slice(3)).size).toBe(1);
    expect(costs[3]!).toBeGreaterThan(2 * costs[0]!);
    expect(capstone.biggest).toMatchObject({ site: "chat", term: "input" });
    // Fixing the leak brings the day back to Monday's figure: the leak is
    // exactly the difference.
    expect(capstone.records.filter((r) => r.day === "Thu")).toHaveLength(3);
  });
});
