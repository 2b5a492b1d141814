import {
  budget,
  costOf,
  formatUsd,
  llm,
  maxCostOf,
  simulateRace,
  type LlmRequest,
  type RaceOptions,
  type TenantId,
} from "cost";

// Reserve, call, commit. One path through this guard leaks: find it.
export async function callModel(tenantId: TenantId, req: LlmRequest) {
  const hold = await budget.reserve(tenantId, maxCostOf(req));
  const res = await llm.create(req);
  await budget.commit(hold, costOf(res));
  return res;
}

// A bad hour: 30% of calls fail with HTTP 529 (overloaded, not billed).
// $0.60 spent of $1.00, and 30 calls arrive over 20 seconds, each holding
// at most $0.05: 10,000 input tokens and up to 8,000 output on Haiku 4.5.
export const badHour = {
  limit: 1.0,
  spent: 0.6,
  requests: 30,
  seed: 1,
  failureRate: 0.3,
  arrivalWindow: 20_000,
  request: { model: "claude-haiku-4.5", input_tokens: 10_000, max_tokens: 8_000 },
} satisfies RaceOptions;

export const result = await simulateRace(callModel, badHour);

export const { admitted, rejected, leakedHolds, held, spent } = result;
console.log(`${admitted} calls admitted, ${rejected} refused`);
console.log(`spent ${formatUsd(spent)} of ${formatUsd(result.limit)}`);
console.log(`${leakedHolds} holds never released, locking ${formatUsd(held)}`);
