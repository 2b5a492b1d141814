import { costOfNanos, formatUsd, usdFromNanos, type Usage } from "cost";

// Two ways to cut the request above: trim a fifth of the prompt (retrieve
// one document fewer), or ask for answers half as long.
const model = "claude-sonnet-4.5";
export const today = { inputTokens: 9_350, outputTokens: 200 };
export const trimmedPrompt = { ...today, inputTokens: 7_480 };
export const shorterAnswers = { ...today, outputTokens: 100 };

// What a day of requests saves, in nano-dollars until the end.
const requestsPerDay = 100n;
const savedPerDay = (cut: Usage) =>
  usdFromNanos((costOfNanos(today, model) - costOfNanos(cut, model)) * requestsPerDay);

export const savedByTrimming = savedPerDay(trimmedPrompt);
export const savedByShortening = savedPerDay(shorterAnswers);

console.log(`trim the prompt by a fifth: ${formatUsd(savedByTrimming)} a day saved`);
console.log(`halve the answers:          ${formatUsd(savedByShortening)} a day saved`);
