import { costBreakdown, costOf, formatUsd } from "cost";

// A GPT-5 request whose first 8,000 prompt tokens were read from OpenAI's
// cache. OpenAI counts those tokens inside prompt_tokens as well as in
// cached_tokens; Anthropic's input_tokens leaves cached tokens out.
export const response = {
  model: "gpt-5",
  usage: {
    prompt_tokens: 10_000,
    completion_tokens: 500,
    prompt_tokens_details: { cached_tokens: 8_000 },
  },
};

// The cost module reads each provider's fields the provider's way.
const bill = costBreakdown(response.usage, response.model);
export const fullPriceTokens = bill.terms.input.tokens;
export const billed = bill.cost;

// Pricing prompt_tokens at the input rate and cached_tokens at the read
// rate, as if the fields were disjoint, counts 8,000 tokens twice.
export const doubleCounted = costOf(
  { inputTokens: 10_000, cacheReadTokens: 8_000, outputTokens: 500 },
  response.model,
);

console.log(`tokens at the full input rate: ${fullPriceTokens}`);
console.log(`billed: ${formatUsd(billed)}; double-counted: ${formatUsd(doubleCounted)}`);
