import { costOf } from "cost";

// A GPT-5 answer of 600 visible tokens that thought for 4,400 tokens first.
// completion_tokens already includes the reasoning tokens: the module
// never adds them twice.
export const response = {
  model: "gpt-5",
  usage: {
    prompt_tokens: 2_000,
    completion_tokens: 5_000,
    completion_tokens_details: { reasoning_tokens: 4_400 },
  },
};

export const billed = costOf(response);

// What the same call would cost if only the visible answer were billed.
export const visibleOnly = costOf({ prompt_tokens: 2_000, completion_tokens: 600 }, "gpt-5");

export const reasoningShare = (billed - visibleOnly) / billed;
