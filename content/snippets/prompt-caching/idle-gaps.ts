import { costOfNanos, formatUsd, sumNanos, usdFromNanos, type CacheTtl, type Usage } from "cost";

// A support agent works one ticket with Claude Sonnet 4.5. Every request
// starts with the same 20,000-token prefix (instructions and the customer's
// history) with a cache breakpoint at its end. Minutes between one request
// and the next, as the agent reads, looks things up and types:
export const minutesBetween = [2, 7, 1, 12, 3, 9, 2, 6, 4];

const model = "claude-sonnet-4.5";
const prefixTokens = 20_000;

// An entry lives for its lifetime after its last use; each read starts the
// clock again. A request that comes later finds it gone and writes it anew.
const lifetimeMinutes = { none: 0, "5m": 5, "1h": 60 };

/** The prefix on one request: plain input, a cache write or a cache read. */
function prefixUsage(ttl: CacheTtl | "none", warm: boolean): Usage {
  if (ttl === "none") return { inputTokens: prefixTokens };
  if (warm) return { cacheReadTokens: prefixTokens };
  return ttl === "5m" ? { cacheWrite5mTokens: prefixTokens } : { cacheWrite1hTokens: prefixTokens };
}

/** USD the prefix costs over a ticket, uncached or with a cache lifetime. */
export function ticketCost(gaps: readonly number[], ttl: CacheTtl | "none"): number {
  // The first request finds the cache cold; a later one finds it warm if it
  // came within the lifetime of the request before.
  const warm = [false, ...gaps.map((gap) => gap < lifetimeMinutes[ttl])];
  const nanos = warm.map((hit) => costOfNanos(prefixUsage(ttl, hit), model));
  return usdFromNanos(sumNanos(nanos));
}

export const uncached = ticketCost(minutesBetween, "none");
export const cached5m = ticketCost(minutesBetween, "5m");
export const cached1h = ticketCost(minutesBetween, "1h");
// The first request writes, and so does each one after a gap of 5 minutes or more.
export const writes5m = 1 + minutesBetween.filter((gap) => gap >= 5).length;

console.log(`uncached:       ${formatUsd(uncached)}`);
console.log(`5-minute cache: ${formatUsd(cached5m)} (${writes5m} writes)`);
console.log(`1-hour cache:   ${formatUsd(cached1h)}`);
