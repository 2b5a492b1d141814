import { cacheSavings, formatTokens } from "cost";

// An agent with 24 tools whose JSON schemas take about 250 tokens each.
// The definitions are sent with every step; a task takes 30 steps.
const toolTokens = 24 * 250;

export const overhead = formatTokens(toolTokens);
export const perTask = cacheSavings({
  turns: 30,
  prefixTokens: toolTokens,
  model: "claude-sonnet-4.5",
});
