import { describe, expect, test } from "vitest";
import { budget, costOf, llm, maxCostOf, simulateRace, type LlmRequest } from "cost";
import {
  describeFrame,
  framesOf,
  lanesAt,
  ledgerAt,
  overText,
  summaryOf,
  timeAt,
  timeAxis,
  timelineOf,
} from "../../../components/race/frames";
import { plainResult, runScenario, WORKED_SCENARIO } from "../../../components/race/scenario";

const naive = await runScenario(WORKED_SCENARIO);
const fixed = await runScenario({ ...WORKED_SCENARIO, guard: "reserve-commit" });

describe("framesOf(trace)", () => {
  test("shows every start at one instant as one frame", () => {
    const frames = framesOf(naive.trace);
    expect(frames[0]!.events.map((event) => event.step)).toEqual([
      "start",
      "start",
      "start",
      "start",
      "start",
    ]);
  });

  test("shows one request's steps at one instant as one frame", () => {
    const frames = framesOf(naive.trace);
    const steps = frames.slice(1).map((frame) => frame.events.map((e) => e.step).join(" "));
    expect(steps.slice(0, 5)).toEqual(Array(5).fill("read check call-start"));
    expect(steps.slice(5)).toEqual(Array(5).fill(["call-end", "add done"]).flat());
  });

  test("keeps every event, in trace order", () => {
    const events = framesOf(fixed.trace).flatMap((frame) => frame.events);
    expect(events).toEqual(fixed.trace);
  });
});

describe("ledgerAt(timeline, cursor)", () => {
  test("starts from the spend before the burst", () => {
    const ledger = ledgerAt(timelineOf(naive), 0);
    expect(ledger).toEqual({
      limit: 1,
      committed: 0.9,
      held: 0,
      billed: 0.9,
      over: 0,
      overFraction: 0,
    });
  });

  test("ends with the naive guard $0.15, 15%, over", () => {
    const timeline = timelineOf(naive);
    const ledger = ledgerAt(timeline, timeline.frames.length);
    expect(ledger).toMatchObject({ committed: 1.15, billed: 1.15, over: 0.15 });
    expect(ledger.overFraction).toBeCloseTo(0.15, 12);
    expect(overText(ledger)).toBe("$0.15 (15%) over");
  });

  test("shows holds while reserve/commit calls run", () => {
    const timeline = timelineOf(fixed);
    const during = timeline.frames.findIndex((frame) =>
      frame.events.some((event) => event.step === "call-end"),
    );
    expect(ledgerAt(timeline, during)).toMatchObject({ committed: 0.9, held: 0.1 });
    const end = ledgerAt(timeline, timeline.frames.length);
    expect(end).toMatchObject({ committed: 1, held: 0, over: 0 });
    expect(overText(end)).toBe("nothing over");
  });

  test("counts billed calls a guard never recorded", async () => {
    const forgetful = await simulateRace((_, req: LlmRequest) => llm.create(req), {
      limit: 1,
      spent: 0.9,
      requests: [WORKED_SCENARIO.request, WORKED_SCENARIO.request],
    });
    const timeline = timelineOf(forgetful);
    const ledger = ledgerAt(timeline, timeline.frames.length);
    expect(ledger).toMatchObject({ committed: 0.9, billed: 1, over: 0 });
  });
});

describe("lanesAt(timeline, cursor)", () => {
  const timeline = timelineOf(naive);

  test("shows every request waiting on the model once all have read", () => {
    const lanes = lanesAt(timeline, 6);
    expect(lanes.map((lane) => lane.active)).toEqual(Array(5).fill("call"));
    expect(lanes[0]!.marks.map((mark) => mark.kind)).toEqual(["check-ok"]);
    // The call in progress is cut at the frame's time.
    const calls = lanes.map((lane) => lane.segments.at(-1)!);
    expect(calls.every((segment) => segment.to === timeAt(timeline, 6))).toBe(true);
  });

  test("ends with each lane read, call, record and done", () => {
    const lanes = lanesAt(timeline, timeline.frames.length);
    for (const lane of lanes) {
      expect(lane.active).toBeNull();
      expect(lane.segments.map((segment) => segment.phase)).toEqual(["read", "call", "record"]);
      expect(lane.marks.map((mark) => mark.kind)).toEqual(["check-ok", "done"]);
    }
  });

  test("shows nothing before the first frame", () => {
    const lanes = lanesAt(timeline, 0);
    expect(lanes.every((lane) => lane.segments.length === 0)).toBe(true);
  });
});

describe("describeFrame(timeline, cursor)", () => {
  test("says what each frame of the naive race does", () => {
    const timeline = timelineOf(naive);
    expect(describeFrame(timeline, 0)).toBe("5 requests are about to start.");
    expect(describeFrame(timeline, 1)).toBe("At 0 ms: 5 requests start at once.");
    expect(describeFrame(timeline, 2)).toMatch(
      /^At \d+ ms: Request \d reads the month's spend: \$0\.90\. \$0\.90 is under the \$1\.00 limit, so it goes ahead\. Request \d calls the model \(at most \$0\.05\)\.$/,
    );
    const last = describeFrame(timeline, timeline.frames.length);
    expect(last).toMatch(/Request \d adds \$0\.05: \$1\.15 committed\. Request \d is done\.$/);
  });

  test("says why reserve/commit refuses a call", () => {
    const timeline = timelineOf(fixed);
    const sentences = timeline.frames.map((_, i) => describeFrame(timeline, i + 1));
    expect(sentences).toContainEqual(
      expect.stringMatching(
        /asks to reserve \$0\.05, but \$0\.90 committed and \$0\.10 held leave no room under \$1\.00: refused\. Request \d gives up: budget exceeded\.$/,
      ),
    );
  });
});

describe("summaryOf(result)", () => {
  test("the naive guard's overspend", () => {
    expect(summaryOf(naive)).toBe(
      "5 of 5 requests called the model. Spend reached $1.15 against a $1.00 limit: $0.15 (15%) over.",
    );
  });

  test("reserve/commit holding the line", () => {
    expect(summaryOf(fixed)).toBe(
      "2 of 5 requests called the model; 3 refused. Spend $1.00 of a $1.00 limit: nothing over.",
    );
  });

  test("holds that leak", async () => {
    const { guard: _, ...worked } = WORKED_SCENARIO;
    const leaky = await simulateRace(
      async (tenantId, req) => {
        const hold = await budget.reserve(tenantId, maxCostOf(req));
        const res = await llm.create(req);
        await budget.commit(hold, costOf(res));
      },
      { ...worked, spent: 0, failureRate: 0.5, seed: 2, requests: 10 },
    );
    expect(leaky.leakedHolds).toBeGreaterThan(0);
    expect(summaryOf(leaky)).toMatch(/never released keep \$0\.\d+ locked, refusing later calls\./);
    expect(summaryOf(leaky)).toMatch(/ended with an error\./);
  });
});

test("a race passed as plain data gives the same timeline", () => {
  expect(timelineOf(plainResult(naive)).frames.length).toBe(timelineOf(naive).frames.length);
  const timeline = timelineOf(plainResult(fixed));
  expect(describeFrame(timeline, 3)).toBe(describeFrame(timelineOf(fixed), 3));
});

describe("timeAxis(trace)", () => {
  test("places each moment by half its time and half its rank", () => {
    const trace = naive.trace;
    const { times, fractions } = timeAxis(trace);
    expect(times[0]).toBe(0);
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < times.length; i++) {
      expect(times[i]!).toBeGreaterThan(times[i - 1]!);
      expect(fractions[i]!).toBeGreaterThan(fractions[i - 1]!);
    }
    // The five reads, within 12 ms of 1.5 s, still get a sixth of the width.
    const lastRead = Math.max(...trace.filter((e) => e.step === "read").map((e) => e.time));
    expect(fractions[times.indexOf(lastRead)]!).toBeGreaterThan(1 / 6);
  });

  test("a race with no time passing spans the axis anyway", () => {
    expect(timeAxis([])).toEqual({ times: [0, 1], fractions: [0, 1] });
  });
});
