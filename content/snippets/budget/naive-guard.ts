import {
  budget,
  BudgetExceeded,
  costOf,
  formatUsd,
  LIMIT,
  llm,
  simulateRace,
  type LlmRequest,
  type TenantId,
} from "cost";

export async function callModel(tenantId: TenantId, req: LlmRequest) {
  const spent = await budget.getMonthlySpend(tenantId);
  if (spent >= LIMIT[tenantId]) throw new BudgetExceeded();
  const res = await llm.create(req);
  await budget.add(tenantId, costOf(res));
  return res;
}

// $1.00 a month, $0.90 already spent, and five calls arrive at once.
// Each costs $0.05: $0.01 of input and $0.04 of output on Haiku 4.5.
export const result = await simulateRace(callModel, {
  limit: 1.0,
  spent: 0.9,
  requests: 5,
  request: {
    model: "claude-haiku-4.5",
    input_tokens: 10_000,
    max_tokens: 8_000,
    output_tokens: 8_000,
  },
});

export const { admitted, spent } = result;
console.log(`${admitted} of 5 calls admitted`);
console.log(`spent ${formatUsd(spent)} of ${formatUsd(result.limit)}`);
