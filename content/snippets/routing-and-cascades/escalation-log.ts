import { cascadeBreakEven, cascadeCost, formatPercent, formatUsd, strongCost } from "cost";

// A week of the Haiku-first cascade in production: jobs per day, and how
// many of them the judge sent on to Sonnet. A prompt change shipped on
// Wednesday. (The judge's own cost is left out here.)
const cascade = {
  cheap: "claude-haiku-4.5",
  strong: "claude-sonnet-4.5",
  inputTokens: 3_000,
  outputTokens: 600,
} as const;

const log = [
  { day: "Monday", jobs: 20_000, escalated: 1_600 },
  { day: "Tuesday", jobs: 21_000, escalated: 1_680 },
  { day: "Wednesday", jobs: 20_500, escalated: 4_100 },
  { day: "Thursday", jobs: 19_800, escalated: 6_930 },
  { day: "Friday", jobs: 20_200, escalated: 7_070 },
];

// About twice the rate measured when the cascade shipped.
export const alarmRate = 0.15;
export const breakEven = cascadeBreakEven(cascade);
export const strongPerJob = strongCost(cascade);

export const week = log.map(({ day, jobs, escalated }) => {
  const rate = escalated / jobs;
  return { day, rate, costPerJob: cascadeCost(rate, cascade), alarm: rate > alarmRate };
});

export const firstAlarm = week.find((day) => day.alarm)?.day;

for (const { day, rate, costPerJob, alarm } of week) {
  const line = `${formatPercent(rate)} escalated, ${formatUsd(costPerJob)} a job`;
  console.log(`${day.padEnd(9)} ${line}${alarm ? "  ALARM" : ""}`);
}
console.log(`Sonnet alone: ${formatUsd(strongPerJob)} a job`);
console.log(`break-even: ${formatPercent(breakEven)} escalated`);
