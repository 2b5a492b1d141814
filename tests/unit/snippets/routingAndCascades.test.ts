import { afterAll, describe, expect, test, vi } from "vitest";
import { cascadeBreakEven, cascadeCost, cheapCost, models, strongCost } from "cost";

// The snippets print what they compute; keep the test output quiet.
const log = vi.spyOn(console, "log").mockImplementation(() => {});
const job = await import("../../../content/snippets/routing-and-cascades/cost-per-job");
const week = await import("../../../content/snippets/routing-and-cascades/escalation-log");
const router = await import("../../../content/snippets/routing-and-cascades/router");
afterAll(() => log.mockRestore());

const jobs = {
  cheap: "claude-haiku-4.5",
  strong: "claude-sonnet-4.5",
  inputTokens: 3_000,
  outputTokens: 600,
};

// The claims lesson 6's prose and quizzes make about these snippets.
describe("lesson 6 snippets", () => {
  test("a 3,000-in, 600-out job: $0.006 on Haiku 4.5, $0.018 on Sonnet 4.5, break-even 2/3", () => {
    expect(job.cascade).toEqual(jobs);
    expect(cheapCost(jobs)).toBe(0.006);
    expect(strongCost(jobs)).toBe(0.018);
    expect(cascadeBreakEven(jobs)).toBeCloseTo(2 / 3, 12);
    // At the price ratio, a third, the cascade costs well under Sonnet alone.
    const ratio = cheapCost(jobs) / strongCost(jobs);
    expect(ratio).toBeCloseTo(1 / 3, 12);
    expect(cascadeCost(ratio, jobs)).toBe(0.012);
    // At 50% escalation the cascade is still cheaper than Sonnet alone.
    expect(cascadeCost(0.5, jobs)).toBeLessThan(strongCost(jobs));
  });

  test("Haiku 4.5 is the same fraction of Sonnet 4.5 on input and output, so any job shape agrees", () => {
    const haiku = models["claude-haiku-4.5"];
    const sonnet = models["claude-sonnet-4.5"];
    expect(haiku.input / sonnet.input).toBeCloseTo(haiku.output / sonnet.output, 12);
    for (const shape of [
      { inputTokens: 50_000, outputTokens: 10 },
      { inputTokens: 10, outputTokens: 8_000 },
    ]) {
      expect(cascadeBreakEven({ ...jobs, ...shape })).toBeCloseTo(2 / 3, 12);
    }
    expect(cascadeBreakEven({ ...jobs, strong: "claude-opus-4.5" })).toBe(0.8);
  });

  test("the judge adds $0.0009 a job and moves the break-even to 61.7%, still over half", () => {
    expect(job.costPerJob(0) - cheapCost(jobs)).toBeCloseTo(0.0009, 12);
    expect(job.breakEven).toBeCloseTo(0.6167, 4);
    expect(job.breakEven).toBeLessThan(cascadeBreakEven(jobs));
    expect(job.breakEven).toBeGreaterThan(0.5);
    expect(job.costPerJob(job.breakEven)).toBeCloseTo(strongCost(jobs), 9);
  });

  test("the week: 8% before Wednesday's change, 35% after; the 15% alarm fires on Wednesday", () => {
    expect(week.week.map((day) => day.rate)).toEqual([0.08, 0.08, 0.2, 0.35, 0.35]);
    expect(week.alarmRate).toBe(0.15);
    expect(week.alarmRate / week.week[0]!.rate).toBeCloseTo(2, 0);
    expect(week.firstAlarm).toBe("Wednesday");
    expect(week.breakEven).toBe(cascadeBreakEven(jobs));
  });

  test("on Thursday about one job in three escalates, and the cascade still costs less", () => {
    const thursday = week.week.find((day) => day.day === "Thursday")!;
    expect(thursday.rate).toBeGreaterThan(0.3);
    expect(thursday.rate).toBeLessThan(0.37);
    expect(thursday.costPerJob).toBe(0.0123);
    expect(thursday.costPerJob).toBeLessThan(week.strongPerJob);
    expect(thursday.rate).toBeLessThan(week.breakEven);
    expect(thursday.rate / week.week[0]!.rate).toBeGreaterThan(4);
  });

  test("a perfect router beats the cascade by exactly the discarded Haiku answers", () => {
    expect(router.hardShare).toBe(0.2);
    expect(router.cascadePerJob).toBe(0.0096);
    expect(router.routerPerJob).toBe(0.0084);
    expect(router.wastedPerJob).toBe(0.0012);
    expect(router.routerPerJob + router.wastedPerJob).toBeCloseTo(router.cascadePerJob, 12);
  });
});
