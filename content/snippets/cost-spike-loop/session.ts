import { sessionCost, usdFromNanos } from "cost";

// A support chat on Claude Sonnet 4.5: a 4,000-token system prompt, each
// turn adds 600 tokens of history, and the model answers in 400 tokens.
export const chat = {
  model: "claude-sonnet-4.5",
  turns: 50,
  prefixTokens: 4_000,
  growthTokensPerTurn: 600,
  outputTokensPerTurn: 400,
};

const session = sessionCost(chat);
// The same session with no output: what the input alone costs.
const inputOnly = sessionCost({ ...chat, outputTokensPerTurn: 0 });

export const inputTokens = session.inputTokens;
export const outputTokens = session.outputTokens;
export const inputCost = inputOnly.cost;
export const outputCost = usdFromNanos(session.costNanos - inputOnly.costNanos);
export const total = session.cost;

// Turn 50 re-sends the prefix and all 49 earlier turns.
export const lastTurnPrompt = session.turns.at(-1)!.promptTokens;
// The fixed prefix, sent again on every turn.
export const prefixTokensSent = chat.prefixTokens * chat.turns;
export const prefixShare = prefixTokensSent / inputTokens;
