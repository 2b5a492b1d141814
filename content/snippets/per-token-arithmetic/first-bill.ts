// One call, priced: the usage object is what Anthropic returned for it.
import { costOf, formatUsd } from "cost";

export const response = {
  model: "claude-sonnet-4.5",
  usage: {
    input_tokens: 12_000,
    output_tokens: 800,
  },
};

/** USD for this one call. */
export const perCall = costOf(response);

const callsPerDay = 40_000;

/** USD for a day of the same call. */
export const perDay = perCall * callsPerDay;

console.log(`One call costs ${formatUsd(perCall)}.`);
console.log(`${callsPerDay} calls a day cost ${formatUsd(perDay)}.`);
