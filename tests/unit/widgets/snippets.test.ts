import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { cacheSavings, costOf, sessionCost } from "cost";
import type { SandboxValue } from "../../../src/notebook/store";
import { checkValues } from "../../../components/widgets/shared/scenario";
import {
  pricingFromExports,
  pricingSchema,
} from "../../../components/widgets/PricingSliders/pricing";
import { sessionSchema } from "../../../components/widgets/SessionGrowth/growth";
import { cacheSchema } from "../../../components/widgets/CacheSavings/savings";
import {
  cascadeSchema,
  readerLineOf,
  SAMPLE_RATES,
} from "../../../components/widgets/CascadeBreakEven/breakEven";

// The snippets print what they compute; keep the test output quiet.
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Exports as they cross the sandbox: plain data, functions named. */
function crossed(exports: Record<string, unknown>): Record<string, SandboxValue> {
  const plain: Record<string, SandboxValue> = {};
  for (const [name, value] of Object.entries(exports)) {
    plain[name] =
      typeof value === "function"
        ? { kind: "function", name }
        : (structuredClone(value) as SandboxValue);
  }
  return plain;
}

describe("the widgets' snippets, as shipped, feed their widgets without a note", () => {
  test("per-token-arithmetic/negotiated-price feeds the pricing sliders", async () => {
    const snippet = await import("../../../content/snippets/per-token-arithmetic/negotiated-price");
    const read = pricingFromExports(crossed(snippet));
    expect(read.notes).toEqual([]);
    expect(read.price?.input).toBe(2.4);
    expect(checkValues(pricingSchema, read.raw, "snippet").notes).toEqual([]);
    expect(costOf({ inputTokens: 100_000 }, snippet.price)).toBe(0.24);
  });

  test("sessions-grow-quadratically/session feeds the session chart", async () => {
    const snippet = await import("../../../content/snippets/sessions-grow-quadratically/session");
    const checked = checkValues(
      sessionSchema,
      crossed(snippet).session as Record<string, unknown>,
      "snippet",
    );
    expect(checked.notes).toEqual([]);
    expect(Object.keys(checked.values).sort()).toEqual(Object.keys(sessionSchema).sort());
    expect(sessionCost(snippet.session).turns).toHaveLength(30);
  });

  test("prompt-caching/prefix feeds the cache savings, starting under the minimum", async () => {
    const snippet = await import("../../../content/snippets/prompt-caching/prefix");
    const checked = checkValues(
      cacheSchema,
      crossed(snippet).prefix as Record<string, unknown>,
      "snippet",
    );
    expect(checked.notes).toEqual([]);
    expect(cacheSavings(snippet.prefix).cacheable).toBe(false);
  });

  test("routing-and-cascades/cost-per-job feeds the cascade chart and its probe", async () => {
    const snippet = await import("../../../content/snippets/routing-and-cascades/cost-per-job");
    const checked = checkValues(
      cascadeSchema,
      crossed(snippet).cascade as Record<string, unknown>,
      "snippet",
    );
    expect(checked.notes).toEqual([]);
    const line = readerLineOf(
      SAMPLE_RATES.map((rate) => snippet.costPerJob(rate)),
      SAMPLE_RATES,
    );
    expect(line?.notes).toEqual([]);
    expect(line?.points[0]?.usd).toBeGreaterThan(0);
  });
});
