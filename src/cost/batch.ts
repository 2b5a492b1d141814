// Batch APIs: the same request, answered within a day instead of at once,
// for half the price. Anthropic's Message Batches, OpenAI's Batch API and
// Gemini's batch mode all take 50% off every term, caching included.

import { costOfNanos, type ProviderResponse, type Usage } from "./costOf";
import { getModel, type ModelRef, type Provider } from "./models";
import { scaleNanos, usdFromNanos, type Nanos } from "./money";

/** The fraction each provider takes off a batch request's price. */
export const batchDiscount: Readonly<Record<Provider, number>> = Object.freeze({
  anthropic: 0.5,
  openai: 0.5,
  google: 0.5,
});

/**
 * Nano-dollars for one response sent through the provider's batch API:
 * the interactive cost less the provider's batch discount. Half of an odd
 * number of nanos rounds half away from zero, to keep whole nanos.
 */
export function batchCostOfNanos(usage: Usage, model: ModelRef): Nanos {
  const { provider } = getModel(model);
  return scaleNanos(costOfNanos(usage, model), 1 - batchDiscount[provider]);
}

/**
 * USD for one response sent through the provider's batch API, with a
 * usage object and a model id: half of what costOf gives.
 */
export function batchCostOf(usage: Usage, model: ModelRef): number;
export function batchCostOf(response: ProviderResponse): number;
export function batchCostOf(
  input: Usage | ProviderResponse,
  model?: ModelRef,
): number {
  if (model === undefined) {
    const response = input as ProviderResponse;
    return usdFromNanos(batchCostOfNanos(response.usage, response.model));
  }
  return usdFromNanos(batchCostOfNanos(input as Usage, model));
}
