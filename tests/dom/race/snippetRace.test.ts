import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  budget,
  checkThenActGuard,
  llm,
  reserveCommitGuard,
  simulateRace,
  type CallModel,
  type RaceEvent,
  type RaceResult,
} from "cost";
import { describeValue } from "../../../src/notebook/sandbox/describe";
import { sandboxValueFromShown, shownFromUntrusted } from "../../../src/notebook/shown";
import type { SandboxValue, SnippetRun } from "../../../src/notebook/store";
import { GUARDS, plainResult, WORKED_SCENARIO } from "../../../components/race/scenario";
import {
  MAX_STEPS,
  NO_CALL_MODEL,
  probeInputOf,
  RACE_PROBE,
  raceFromRun,
  raceFromSteps,
  StepCollector,
  stepFromUntrusted,
  type RaceInput,
} from "../../../components/race/snippetRace";

/** A value as a widget receives it from the sandbox: described, posted, rebuilt. */
function acrossSandbox(value: unknown): SandboxValue {
  const posted = structuredClone(describeValue(value));
  return sandboxValueFromShown(shownFromUntrusted(posted));
}

/** Runs the probe's own source in Node, as the sandbox would. */
async function runProbe(
  exports: Record<string, unknown>,
  input: RaceInput,
): Promise<{ reports: SandboxValue[]; returned: SandboxValue }> {
  const probe = new Function(`return (${RACE_PROBE});`)() as (
    ...args: unknown[]
  ) => Promise<unknown>;
  const reports: SandboxValue[] = [];
  const cost = { simulateRace };
  const returned = await probe(exports, cost, input, (value: unknown) => {
    reports.push(acrossSandbox(value));
  });
  return { reports, returned: acrossSandbox(returned) };
}

function collect(input: RaceInput, reports: readonly SandboxValue[]) {
  const collector = new StepCollector(() => input.requests);
  for (const report of reports) collector.add(report);
  return collector.take();
}

function run(status: SnippetRun["status"], extra: Partial<SnippetRun> = {}): SnippetRun {
  return { snippetId: "naive-guard", runId: 1, status, exports: {}, ...extra };
}

const WORKED = probeInputOf(WORKED_SCENARIO);

const throwing: CallModel = async (tenantId) => {
  await budget.getMonthlySpend(tenantId);
  throw new TypeError("boom");
};
const neverResolves: CallModel = () => new Promise(() => {});
const forgetsToRecord: CallModel = (tenantId, req) =>
  budget.getMonthlySpend(tenantId).then(() => llm.create(req));

const guards: [string, CallModel][] = [
  ["check-then-act", checkThenActGuard],
  ["reserve-commit", reserveCommitGuard],
  ["reserve-no-release", GUARDS["reserve-no-release"].callModel],
  ["throws", throwing],
  ["never resolves", neverResolves],
  ["forgets to record", forgetsToRecord],
];

const input: fc.Arbitrary<RaceInput> = fc.record({
  limit: fc.integer({ min: 0, max: 300 }).map((cents) => cents / 100),
  spent: fc.integer({ min: 0, max: 300 }).map((cents) => cents / 100),
  requests: fc.integer({ min: 1, max: 30 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  request: fc.record({
    model: fc.constantFrom("claude-haiku-4.5", "claude-sonnet-4.5"),
    input_tokens: fc.integer({ min: 0, max: 20_000 }),
    max_tokens: fc.integer({ min: 1, max: 8_000 }),
  }),
  failureRate: fc.constantFrom(0, 0.3),
  arrivalWindow: fc.constantFrom(0, 5_000),
});

describe("raceFromSteps(input, steps)", () => {
  test.each(guards)("rebuilds what simulateRace returns, for a guard that %s", async (_, guard) => {
    await fc.assert(
      fc.asyncProperty(input, async (options) => {
        const simulated = await simulateRace(guard, options);
        expect(plainResult(raceFromSteps(options, simulated.trace))).toEqual(
          plainResult(simulated),
        );
      }),
      { numRuns: 25 },
    );
  });

  test("cut short, marks each request still running as stalled, with why", async () => {
    const whole = await simulateRace(checkThenActGuard, WORKED);
    const firstTen = whole.trace.slice(0, 10);
    const cut = raceFromSteps(WORKED, firstTen, "Stopped by the watchdog");
    expect(cut.trace.slice(10).map((event) => [event.step, event.message])).toEqual(
      Array.from({ length: 5 }, () => ["stall", "Stopped by the watchdog"]),
    );
    expect(cut.stalled).toBe(5);
    expect(cut.spent).toBe(0.9);
    expect(cut.requests[0]).toMatchObject({
      outcome: "stalled",
      message: "Stopped by the watchdog",
    });
  });
});

describe("stepFromUntrusted(value, seq, after, requests)", () => {
  const good = {
    kind: "step",
    seq: 3,
    time: 10,
    request: 1,
    step: "read",
    usd: 0.9,
    committed: 0.9,
    held: 0,
  };

  test("keeps a well-formed step, field by field", () => {
    expect(stepFromUntrusted({ ...good, extra: "dropped" }, 3, 5, 5)).toEqual({
      seq: 3,
      time: 10,
      request: 1,
      step: "read",
      usd: 0.9,
      committed: 0.9,
      held: 0,
    });
  });

  test.each([
    ["out of order", { seq: 4 }],
    ["earlier than the step before", { time: 4 }],
    ["of a request outside the burst", { request: 5 }],
    ["of an unknown step", { step: "steal" }],
    ["with a negative amount", { usd: -1 }],
    ["with an amount that is not finite", { committed: Number.POSITIVE_INFINITY }],
    ["with a fractional hold", { hold: 1.5 }],
    ["with a message that is not text", { message: { kind: "function", name: "x" } }],
    ["with a time that is not a number", { time: "10" }],
  ])("refuses a step %s", (_, change) => {
    expect(stepFromUntrusted({ ...good, ...change } as SandboxValue, 3, 5, 5)).toBeNull();
  });

  test("cuts a long message", () => {
    const step = stepFromUntrusted({ ...good, step: "error", message: "x".repeat(5_000) }, 3, 5, 5);
    expect(step?.message).toHaveLength(300);
  });
});

describe("StepCollector", () => {
  test("ignores steps before the race starts, and starts over with each race", async () => {
    const { reports } = await runProbe({ callModel: checkThenActGuard }, WORKED);
    const collector = new StepCollector(() => WORKED.requests);
    collector.add(reports[1]!);
    for (const report of reports) collector.add(report);
    for (const report of reports) collector.add(report);
    const taken = collector.take();
    expect(taken.started).toBe(true);
    expect(taken.steps).toHaveLength(reports.length - 1);
    expect(collector.take()).toEqual({ started: false, steps: [], broken: null });
  });

  test("stops at the first malformed step and keeps the ones before it", async () => {
    const { reports } = await runProbe({ callModel: checkThenActGuard }, WORKED);
    const tampered = [...reports.slice(0, 6), { kind: "step", seq: 99 }, ...reports.slice(6)];
    const taken = collect(WORKED, tampered);
    expect(taken.steps).toHaveLength(5);
    expect(taken.broken).toBe("step 6 came back malformed");
  });
});

describe("RACE_PROBE", () => {
  test("races the snippet's callModel with the widget's input and counts the steps", async () => {
    const { reports, returned } = await runProbe({ callModel: checkThenActGuard }, WORKED);
    const simulated = await simulateRace(checkThenActGuard, WORKED);
    expect(reports[0]).toEqual({ kind: "race" });
    expect(returned).toEqual({ steps: simulated.trace.length });
    expect(collect(WORKED, reports).steps).toEqual(plainResult(simulated).trace);
  });

  test("throws the reader's message when the snippet exports no callModel", async () => {
    await expect(runProbe({ guard: checkThenActGuard }, WORKED)).rejects.toThrow(NO_CALL_MODEL);
  });

  test(`reports at most ${MAX_STEPS} steps of a guard that loops`, async () => {
    const loops: CallModel = async (tenantId) => {
      for (;;) await budget.getMonthlySpend(tenantId);
    };
    const { reports, returned } = await runProbe({ callModel: loops }, WORKED);
    expect(reports).toHaveLength(MAX_STEPS + 1);
    expect((returned as { steps: number }).steps).toBeGreaterThan(MAX_STEPS);
  });
});

describe("raceFromRun(run, input, collected)", () => {
  async function probed(guard: CallModel, options: RaceInput = WORKED) {
    const { reports, returned } = await runProbe({ callModel: guard }, options);
    return { collected: collect(options, reports), returned, reports };
  }

  function raceOf(outcome: ReturnType<typeof raceFromRun>): RaceResult {
    if (outcome?.kind !== "race") throw new Error(`expected a race, received ${outcome?.kind}`);
    return outcome.result;
  }

  test("a whole race from the reader's code animates, with where it came from", async () => {
    const { collected, returned } = await probed(checkThenActGuard);
    const outcome = raceFromRun(run("ok", { probe: returned }), WORKED, collected);
    expect(outcome).toMatchObject({
      kind: "race",
      tone: "info",
      notice: "This race ran your callModel, from your last run.",
    });
    expect(raceOf(outcome).overspend).toBe(0.15);
  });

  test("a run the widget's probe was not part of is left alone", () => {
    const empty = { started: false, steps: [], broken: null };
    expect(raceFromRun(run("ok"), WORKED, empty)).toBeNull();
  });

  test("a guard that throws shows the race and the reader's error", async () => {
    const { collected, returned } = await probed(throwing);
    const outcome = raceFromRun(run("ok", { probe: returned }), WORKED, collected);
    expect(outcome).toMatchObject({
      tone: "error",
      notice: "Your callModel threw: TypeError: boom",
    });
    expect(raceOf(outcome).failed).toBe(5);
  });

  test("model failures the race injected are not blamed on the reader", async () => {
    const options = probeInputOf({
      ...WORKED_SCENARIO,
      guard: "reserve-no-release",
      failureRate: 0.5,
      requests: 20,
      limit: 5,
      spent: 0,
    });
    const { collected, returned } = await probed(GUARDS["reserve-no-release"].callModel, options);
    const outcome = raceFromRun(run("ok", { probe: returned }), options, collected);
    expect(raceOf(outcome).failed).toBeGreaterThan(0);
    expect(outcome).toMatchObject({ tone: "info" });
  });

  test("a guard that never resolves shows stalled requests, without the watchdog", async () => {
    const { collected, returned } = await probed(neverResolves);
    const outcome = raceFromRun(run("ok", { probe: returned }), WORKED, collected);
    expect(raceOf(outcome).stalled).toBe(5);
    expect(outcome).toMatchObject({ tone: "error" });
    expect(outcome?.notice).toMatch(
      /^Your callModel did not finish 5 requests\. Never finished: it awaited something/,
    );
  });

  test("a run the watchdog stopped mid-race shows the steps before the stop", async () => {
    const { collected } = await probed(checkThenActGuard);
    const partial = { ...collected, steps: collected.steps.slice(0, 7) };
    const message = "Stopped after 2 seconds: the code was still running.";
    const outcome = raceFromRun(run("timeout", { message }), WORKED, partial);
    expect(outcome).toMatchObject({
      kind: "race",
      tone: "error",
      notice: `${message} The lanes show the 7 steps before it stopped.`,
    });
    const result = raceOf(outcome);
    expect(result.stalled).toBe(5);
    expect(result.trace.at(-1)).toMatchObject({
      step: "stall",
      message: "Stopped by the watchdog",
    });
  });

  test("a runaway guard's race is cut at the steps it reported", async () => {
    const loops: CallModel = async (tenantId) => {
      for (;;) await budget.getMonthlySpend(tenantId);
    };
    const { collected, returned } = await probed(loops);
    const outcome = raceFromRun(run("ok", { probe: returned }), WORKED, collected);
    expect(outcome?.kind === "race" && outcome.notice).toMatch(
      /^The race took [\d,]+ steps; the lanes show the first 4,000\.$/,
    );
  });

  test("a snippet without callModel says what to export", () => {
    const empty = { started: false, steps: [], broken: null };
    const outcome = raceFromRun(run("error", { message: NO_CALL_MODEL }), WORKED, empty);
    expect(outcome).toEqual({ kind: "none", notice: NO_CALL_MODEL });
  });

  test("a snippet that stopped before the race says so, with its message", () => {
    const empty = { started: false, steps: [], broken: null };
    const outcome = raceFromRun(
      run("timeout", { message: "Stopped after 2 seconds." }),
      WORKED,
      empty,
    );
    expect(outcome?.kind).toBe("none");
    expect(outcome?.notice).toMatch(
      /^The race did not start: Stopped after 2 seconds\. The snippet/,
    );
  });

  test("a probe that finished without reporting a race is not trusted", () => {
    const empty = { started: false, steps: [], broken: null };
    const outcome = raceFromRun(run("ok", { probe: { steps: 3 } }), WORKED, empty);
    expect(outcome?.kind).toBe("none");
  });

  test("steps the probe claims but never reported make a cut race, not a whole one", async () => {
    const { collected } = await probed(checkThenActGuard);
    const claimed = { steps: collected.steps.length + 5 };
    const outcome = raceFromRun(run("ok", { probe: claimed }), WORKED, collected);
    expect(outcome).toMatchObject({ kind: "race", tone: "error" });
  });
});

test("events in a trace are plain data a probe can report", async () => {
  const simulated = await simulateRace(checkThenActGuard, WORKED);
  const event: RaceEvent = simulated.trace[1]!;
  expect(acrossSandbox({ kind: "step", ...event })).toMatchObject({ kind: "step", seq: 1 });
});
