// The laws of the two guards, over seeds, burst sizes, latencies, request
// costs and injected model failures.

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  checkThenActGuard,
  nanosFromUsd,
  reserveCommitGuard,
  simulateRace,
  type LlmRequest,
  type RaceOptions,
  type RaceResult,
} from "cost";

const nanos = (usd: number): bigint => nanosFromUsd(usd);

const request: fc.Arbitrary<LlmRequest> = fc
  .record({
    model: fc.constantFrom("claude-haiku-4.5", "claude-sonnet-4.5", "claude-opus-4.5"),
    input_tokens: fc.integer({ min: 0, max: 20_000 }),
    max_tokens: fc.integer({ min: 0, max: 8_000 }),
    pin: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  })
  .map(({ pin, ...req }) =>
    pin === null ? req : { ...req, output_tokens: Math.floor(pin * req.max_tokens) },
  );

const range = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);

/** A race whose initial spend is within the limit. */
const race: fc.Arbitrary<RaceOptions> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    requests: fc.array(request, { minLength: 1, maxLength: 40 }),
    limitCents: fc.integer({ min: 0, max: 300 }),
    spentShare: fc.double({ min: 0, max: 1, noNaN: true }),
    storeLatency: range(1, 30),
    modelLatency: range(1, 2_000),
    arrivalWindow: fc.integer({ min: 0, max: 5_000 }),
    failureRate: fc.constantFrom(0, 0.1, 0.5),
  })
  .map(({ limitCents, spentShare, ...rest }) => ({
    ...rest,
    limit: limitCents / 100,
    spent: Math.floor(spentShare * limitCents) / 100,
  }));

const RUNS = { numRuns: 60 };

describe("reserveCommitGuard under simulateRace", () => {
  test("never takes committed plus held past the limit", async () => {
    await fc.assert(
      fc.asyncProperty(race, async (options) => {
        const result = await simulateRace(reserveCommitGuard, options);
        const limit = nanos(result.limit);
        for (const event of result.trace) {
          const used = nanos(event.committed) + nanos(event.held);
          expect(used <= limit).toBe(true);
        }
        expect(result.overspend).toBe(0);
      }),
      RUNS,
    );
  });

  test("leaks no hold and commits the actual cost", async () => {
    await fc.assert(
      fc.asyncProperty(race, async (options) => {
        const result = await simulateRace(reserveCommitGuard, options);
        expect(result.openHolds).toEqual([]);
        expect(result.held).toBe(0);
        expect(result.recorded).toBe(result.spent);

        // Each commit is the cost the same request was billed.
        for (const r of result.requests) {
          const commits = result.trace.filter((e) => e.request === r.index && e.step === "commit");
          const committed = commits.reduce((sum, e) => sum + nanos(e.usd!), 0n);
          expect(committed).toBe(nanos(r.billed));
        }
      }),
      RUNS,
    );
  });

  test("refuses a call only when the budget has no room for it", async () => {
    await fc.assert(
      fc.asyncProperty(race, async (options) => {
        const result = await simulateRace(reserveCommitGuard, options);
        const limit = nanos(result.limit);
        for (const event of result.trace) {
          if (event.step !== "deny") continue;
          const asked = nanos(event.committed) + nanos(event.held);
          expect(asked + nanos(event.usd!) > limit).toBe(true);
        }
        const refused = result.requests.filter((r) => r.outcome === "rejected");
        expect(refused).toHaveLength(result.rejected);
      }),
      RUNS,
    );
  });

  test("admits as many equal calls as the budget holds, failures or not", async () => {
    const equal = fc.record({
      seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      count: fc.integer({ min: 1, max: 60 }),
      cents: fc.integer({ min: 1, max: 20 }),
      room: fc.integer({ min: 0, max: 100 }),
      arrivalWindow: fc.integer({ min: 0, max: 5_000 }),
      failureRate: fc.constantFrom(0, 0.1, 0.5, 1),
    });
    await fc.assert(
      fc.asyncProperty(equal, async ({ cents, room, count, ...rest }) => {
        // Haiku output is $5 per million tokens: 2,000 tokens per cent.
        const call = {
          model: "claude-haiku-4.5",
          input_tokens: 0,
          max_tokens: 2_000 * cents,
          output_tokens: 2_000 * cents,
        };
        const result = await simulateRace(reserveCommitGuard, {
          ...rest,
          limit: 5 + room / 100,
          spent: 5,
          requests: count,
          request: call,
        });
        const fits = Math.min(count, Math.floor(room / cents));
        const succeeded = result.requests.filter((r) => r.outcome === "ok").length;
        expect(succeeded + result.failed + result.rejected).toBe(count);
        expect(result.admitted).toBe(succeeded + result.failed);
        // A failed call releases its hold, so it never costs a later call
        // its place: at least as many are admitted as fit, and exactly as
        // many when no call fails. Only the calls that succeed are spent.
        if (rest.failureRate === 0) expect(result.admitted).toBe(fits);
        else expect(result.admitted).toBeGreaterThanOrEqual(fits);
        expect(succeeded).toBeLessThanOrEqual(Math.floor(room / cents));
        expect(nanos(result.spent)).toBe(nanos(5) + BigInt(succeeded * cents) * nanos(0.01));
      }),
      RUNS,
    );
  });
});

describe("checkThenActGuard under simulateRace", () => {
  /** Every read lands before the first record can. */
  const burst = race.map((options) => ({
    ...options,
    arrivalWindow: 0,
    failureRate: 0,
    storeLatency: [1, 30] as [number, number],
    modelLatency: [31, 2_000] as [number, number],
  }));

  test("admits a whole simultaneous burst while under the limit", async () => {
    await fc.assert(
      fc.asyncProperty(burst, async (options) => {
        const result = await simulateRace(checkThenActGuard, options);
        const count = (options.requests as LlmRequest[]).length;
        const under = nanos(options.spent ?? 0) < nanos(options.limit);
        expect(result.admitted).toBe(under ? count : 0);
        const over = nanos(result.spent) - nanos(result.limit);
        expect(nanos(result.overspend)).toBe(over > 0n ? over : 0n);
      }),
      RUNS,
    );
  });

  test("overspends at least as much on a larger burst", async () => {
    const prefix = burst.chain((options) =>
      fc.record({
        options: fc.constant(options),
        cut: fc.integer({
          min: 0,
          max: (options.requests as LlmRequest[]).length,
        }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(prefix, async ({ options, cut }) => {
        const all = options.requests as LlmRequest[];
        const small = await simulateRace(checkThenActGuard, {
          ...options,
          requests: all.slice(0, cut),
        });
        const large = await simulateRace(checkThenActGuard, options);
        expect(large.overspend).toBeGreaterThanOrEqual(small.overspend);
      }),
      RUNS,
    );
  });

  test("overspends more, on average, as spread-out bursts grow", async () => {
    // Requests arriving over 2 seconds sometimes read a recorded spend and
    // stop, so one seed can buck the trend; the mean over seeds cannot.
    const meanOverspend = async (requests: number): Promise<number> => {
      const runs: RaceResult[] = [];
      for (let seed = 1; seed <= 30; seed++) {
        runs.push(
          await simulateRace(checkThenActGuard, {
            limit: 1,
            spent: 0.9,
            requests,
            seed,
            arrivalWindow: 2_000,
          }),
        );
      }
      return runs.reduce((sum, r) => sum + r.overspend, 0) / runs.length;
    };

    const means: number[] = [];
    for (const size of [1, 5, 20, 80]) means.push(await meanOverspend(size));
    expect(means[0]).toBe(0);
    for (let i = 1; i < means.length; i++) {
      expect(means[i]).toBeGreaterThan(means[i - 1]!);
    }
  });
});
