// The cost module's public API: what lessons, snippets and widgets import
// as "cost". One export list per file; helpers the files share stay out.

export { CostInputError } from "./errors";
export {
  NANOS_PER_USD,
  nanosFromUsd,
  scaleNanos,
  sumNanos,
  sumUsd,
  usdFromNanos,
  type Nanos,
} from "./money";
export {
  getModel,
  modelIds,
  models,
  type CacheTtl,
  type LongContextRates,
  type ModelId,
  type ModelPrice,
  type ModelRef,
  type Provider,
  type Rates,
} from "./models";
export {
  costBreakdown,
  costOf,
  costOfNanos,
  costTermNames,
  normalizeUsage,
  type AnthropicUsage,
  type CostBreakdown,
  type CostTerm,
  type CostTermName,
  type GeminiResponse,
  type GeminiUsage,
  type NormalizedUsage,
  type OpenAIChatUsage,
  type OpenAIResponsesUsage,
  type ProviderResponse,
  type Usage,
} from "./costOf";
export {
  MAX_SESSION_TURNS,
  sessionCost,
  type CacheMode,
  type SessionCost,
  type SessionOptions,
  type SessionTokens,
  type TurnCost,
} from "./session";
export {
  cascadeBreakEven,
  cascadeCost,
  cascadeCostNanos,
  cheapCost,
  cheapCostNanos,
  strongCost,
  strongCostNanos,
  type CascadeOptions,
} from "./cascade";
export {
  cacheSavings,
  prefixCost,
  prefixCostNanos,
  type CacheSavings,
  type CacheSavingsOptions,
  type PrefixOptions,
} from "./cache";
export {
  formatPercent,
  formatTokens,
  formatUsd,
  type PercentFormatOptions,
  type TokenFormatOptions,
  type UsdFormatOptions,
} from "./format";
export * from "./budget";
export * from "./race";
export {
  batchCostOf,
  batchCostOfNanos,
  batchDiscount,
} from "./batch";
export {
  expectedAttempts,
  retryCost,
  type RetryOptions,
} from "./retry";
