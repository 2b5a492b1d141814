import {
  budget,
  costOf,
  formatUsd,
  llm,
  maxCostOf,
  simulateRace,
  type LlmRequest,
  type TenantId,
} from "cost";

export async function callModel(tenantId: TenantId, req: LlmRequest) {
  // Check and set aside the most this call can cost, in one atomic step.
  const hold = await budget.reserve(tenantId, maxCostOf(req));
  try {
    const res = await llm.create(req);
    await budget.commit(hold, costOf(res)); // what it actually cost
    return res;
  } catch (error) {
    await budget.release(hold); // the call failed: free the hold
    throw error;
  }
}

// The same burst: $1.00 a month, $0.90 spent, five $0.05 calls at once.
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
