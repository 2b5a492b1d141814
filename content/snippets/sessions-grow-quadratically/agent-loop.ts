import { formatTokens, formatUsd, sessionCost } from "cost";

// An agent is a session too. Each step sends the system prompt and tool
// definitions, then every earlier step: the model's tool call and the tool's
// result. A 40-step coding task on Claude Sonnet 4.5, where each step adds
// a 3,000-token tool result and a 300-token call.
const task = {
  model: "claude-sonnet-4.5",
  turns: 40,
  prefixTokens: 8_000,
  growthTokensPerTurn: 3_300,
  outputTokensPerTurn: 300,
} as const;

const steps = sessionCost(task);
export const lastStepPrompt = steps.turns.at(-1)!.promptTokens;
export const perTask = steps.cost;
export const perTaskCached = sessionCost({ ...task, cache: "conversation" }).cost;

console.log(`step 40 sends ${formatTokens(lastStepPrompt)} prompt tokens`);
console.log(`one task: ${formatUsd(perTask)}, ${formatUsd(perTaskCached)} cached`);
