import { describe, expect, test, vi } from "vitest";
import { simulateRace } from "cost";

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
