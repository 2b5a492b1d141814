import { describe, expect, test } from "vitest";
import { checkThenActGuard, reserveCommitGuard, simulateRace } from "cost";
import { traceDigest } from "../../../components/race/traceDigest";
import { plainResult } from "../../../components/race/scenario";

const options = { limit: 1, spent: 0.5, requests: 20, seed: 3, failureRate: 0.3 };

describe("traceDigest(trace)", () => {
  test("is the same for the same race, and for its plain-data copy", async () => {
    const first = await simulateRace(reserveCommitGuard, options);
    const again = await simulateRace(reserveCommitGuard, options);
    expect(traceDigest(again.trace)).toBe(traceDigest(first.trace));
    expect(traceDigest(plainResult(first).trace)).toBe(traceDigest(first.trace));
    expect(traceDigest(first.trace)).toMatch(new RegExp(`^${first.trace.length}:[0-9a-f]{8}$`));
  });

  test("changes with any field of any event", async () => {
    const { trace } = await simulateRace(reserveCommitGuard, options);
    const digest = traceDigest(trace);
    const changed = (index: number, change: object) =>
      traceDigest(trace.map((event, i) => (i === index ? { ...event, ...change } : event)));
    const last = trace.length - 1;
    expect(changed(last, { time: trace[last]!.time + 1 })).not.toBe(digest);
    expect(changed(3, { held: trace[3]!.held + 0.01 })).not.toBe(digest);
    expect(changed(0, { request: 1 })).not.toBe(digest);
    expect(changed(5, { ok: true })).not.toBe(digest);
    expect(traceDigest(trace.slice(0, -1))).not.toBe(digest);
  });

  test("tells two guards apart on the same seed", async () => {
    const naive = await simulateRace(checkThenActGuard, options);
    const fixed = await simulateRace(reserveCommitGuard, options);
    expect(traceDigest(naive.trace)).not.toBe(traceDigest(fixed.trace));
  });
});
