import { afterEach, describe, expect, test, vi } from "vitest";
import { costOf } from "cost";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the per-token-arithmetic lesson's first snippets", () => {
  test("first-bill.ts prices one call and a day of them", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const snippet = await import("../../../content/snippets/per-token-arithmetic/first-bill");
    expect(snippet.perCall).toBe(costOf(snippet.response));
    expect(snippet.perCall).toBeGreaterThan(0);
    expect(snippet.perDay).toBeCloseTo(snippet.perCall * 40_000, 9);
    expect(log).toHaveBeenCalledTimes(2);
  });

  test("model-prices.ts gives one row per model, in the order listed", async () => {
    vi.spyOn(console, "table").mockImplementation(() => {});
    const snippet = await import("../../../content/snippets/per-token-arithmetic/model-prices");
    expect(snippet.rows.map((row) => row.model)).toEqual([
      "claude-haiku-4.5",
      "claude-sonnet-4.5",
      "gpt-5",
      "gemini-2.5-pro",
    ]);
    for (const row of snippet.rows) {
      expect(row.perMillionCalls).toBeCloseTo(row.perCall * 1_000_000, 6);
    }
    const haiku = snippet.rows[0]!;
    const sonnet = snippet.rows[1]!;
    expect(haiku.perCall).toBeLessThan(sonnet.perCall);
  });
});
