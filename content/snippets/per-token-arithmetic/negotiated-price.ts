import { costOf, formatUsd, models, type ModelPrice } from "cost";

// A negotiated rate: Sonnet 4.5 with 20% off the input price. Change the
// price or the scenario and run: the pricing sliders above redraw with
// what this file exports.
export const price: ModelPrice = {
  ...models["claude-sonnet-4.5"],
  id: "sonnet-4.5-negotiated",
  label: "Sonnet 4.5, negotiated",
  input: 2.4,
};

// One request's tokens and how many requests a day.
export const scenario = {
  inputTokens: 9_350,
  outputTokens: 200,
  requestsPerDay: 100,
};

const usage = {
  inputTokens: scenario.inputTokens,
  outputTokens: scenario.outputTokens,
};
console.log("list price per request:", formatUsd(costOf(usage, "claude-sonnet-4.5")));
console.log("negotiated per request:", formatUsd(costOf(usage, price)));
