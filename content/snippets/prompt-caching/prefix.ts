import { cacheSavings, formatPercent, type CacheSavingsOptions } from "cost";

// A 3,000-token prefix on Haiku 4.5, sent on ten requests. Run it, then raise
// prefixTokens past the model's minimum cacheable length and run again:
// the savings widget above redraws from this export.
export const prefix = {
  model: "claude-haiku-4.5",
  prefixTokens: 3_000,
  turns: 10,
  ttl: "5m",
} satisfies CacheSavingsOptions;

const savings = cacheSavings(prefix);
console.log("cacheable:", savings.cacheable);
console.log("saved:", formatPercent(savings.fraction));
