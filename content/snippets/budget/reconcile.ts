import {
  budget,
  formatUsd,
  llm,
  maxCostOf,
  reserveCommitGuard,
  simulateRace,
  type LlmRequest,
  type RaceOptions,
  type TenantId,
} from "cost";

// Reserve and call as before, but commit the amount held, not the bill.
async function commitTheHold(tenantId: TenantId, req: LlmRequest) {
  const hold = await budget.reserve(tenantId, maxCostOf(req));
  try {
    const res = await llm.create(req);
    await budget.commit(hold, hold.usd); // the estimate, never reconciled
    return res;
  } catch (error) {
    await budget.release(hold);
    throw error;
  }
}

// $0.50 spent of $1.00, and 30 calls over 20 seconds. Each may write up
// to 8,000 tokens; the replies stop anywhere from 2,000 to 8,000.
const month = {
  limit: 1.0,
  spent: 0.5,
  requests: 30,
  seed: 1,
  arrivalWindow: 20_000,
  request: { model: "claude-haiku-4.5", input_tokens: 10_000, max_tokens: 8_000 },
} satisfies RaceOptions;

export const estimated = await simulateRace(commitTheHold, month);
export const reconciled = await simulateRace(reserveCommitGuard, month);

for (const [name, race] of Object.entries({ estimated, reconciled })) {
  const { admitted, recorded, spent } = race;
  console.log(
    `${name}: ${admitted} admitted, ${formatUsd(recorded)} recorded, ` +
      `${formatUsd(spent)} billed`,
  );
}
