import { costOf } from "cost";

// The same request on Claude Sonnet 4.5, a little under and a little over
// the 200,000-token long-context line, with a 2,000-token answer.
const under = { input_tokens: 199_000, output_tokens: 2_000 };
const over = { input_tokens: 201_000, output_tokens: 2_000 };

export const underCost = costOf(under, "claude-sonnet-4.5");
export const overCost = costOf(over, "claude-sonnet-4.5");

// A hair more prompt, and every token of the request (the answer too) is
// billed at the long-context rates.
export const promptGrowth = over.input_tokens / under.input_tokens - 1;
export const jump = overCost / underCost;
