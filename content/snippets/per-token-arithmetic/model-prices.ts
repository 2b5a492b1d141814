// The same call on four models: one row per model.
import { costOf } from "cost";

const usage = { inputTokens: 12_000, outputTokens: 800 };
const candidates = ["claude-haiku-4.5", "claude-sonnet-4.5", "gpt-5", "gemini-2.5-pro"];

export const rows = candidates.map((model) => ({
  model,
  perCall: costOf(usage, model),
  perMillionCalls: costOf(usage, model) * 1_000_000,
}));

console.table(rows);
