import { batchCostOf, costOf } from "cost";

// A nightly job: summarise 10,000 support tickets with Claude Haiku 4.5,
// 3,000 tokens in and 300 out each. Nobody reads the summaries before
// morning, so the answers can wait for the batch API.
const perTicket = { input_tokens: 3_000, output_tokens: 300 };
const tickets = 10_000;

export const interactive = costOf(perTicket, "claude-haiku-4.5") * tickets;
export const batched = batchCostOf(perTicket, "claude-haiku-4.5") * tickets;
export const savedPerNight = interactive - batched;
