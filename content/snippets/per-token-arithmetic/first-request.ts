import { costBreakdown, formatUsd, usdFromNanos, type Nanos } from "cost";

// One request to Claude Sonnet 4.5, as Anthropic returned it: a prompt of
// 9,350 tokens (system prompt, documents, question) and a 200-token answer.
export const response = {
  model: "claude-sonnet-4.5",
  usage: { input_tokens: 9_350, output_tokens: 200 },
};

// Each term is its tokens times its price per million; the bill is the sum.
const bill = costBreakdown(response.usage, response.model);
export const inputCost = bill.terms.input.cost;
export const outputCost = bill.terms.output.cost;
export const perRequest = bill.cost;

// The same request a hundred times a day, for a 30-day month. Costs are
// multiplied in nano-dollars (whole billionths of a dollar), so they stay
// exact; usdFromNanos turns them back into dollars.
export const requestsPerDay = 100;
const daily = (nanos: Nanos) => usdFromNanos(nanos * BigInt(requestsPerDay));
export const inputPerDay = daily(bill.terms.input.costNanos);
export const outputPerDay = daily(bill.terms.output.costNanos);
export const perDay = daily(bill.costNanos);
export const perMonth = usdFromNanos(bill.costNanos * BigInt(requestsPerDay * 30));

console.log(`input:  ${formatUsd(inputCost)} a request, ${formatUsd(inputPerDay)} a day`);
console.log(`output: ${formatUsd(outputCost)} a request, ${formatUsd(outputPerDay)} a day`);
console.log(`total:  ${formatUsd(perDay)} a day, ${formatUsd(perMonth)} a month`);
