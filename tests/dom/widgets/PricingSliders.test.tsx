import { afterEach, describe, expect, test } from "vitest";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { costBreakdown, formatTokens, formatUsd, models, scaleNanos } from "cost";
import PricingSliders from "../../../components/widgets/PricingSliders/PricingSliders";
import { publishRun, type SandboxValue } from "../../../src/notebook/store";

/** A value as it arrives from the sandbox: structured-cloned plain data. */
function cloned(value: unknown): SandboxValue {
  return structuredClone(value) as SandboxValue;
}

afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});

function figure(name: string): string {
  const element = document.querySelector(`[data-figure="${name}"]`);
  return element?.textContent ?? "";
}

describe("PricingSliders", () => {
  test("first render shows the default scenario's bill from the cost module", () => {
    render(<PricingSliders />);
    const usage = { inputTokens: 9_350, outputTokens: 200 };
    const perRequest = costBreakdown(usage, "claude-sonnet-4.5").costNanos;
    expect(figure("per-request")).toBe(formatUsd(perRequest));
    expect(figure("per-day")).toBe(formatUsd(scaleNanos(perRequest, 100)));
    expect(figure("per-month")).toBe(formatUsd(scaleNanos(perRequest, 3000)));
    expect(figure("headline")).toContain("volume beats rate");
    expect(figure("headline")).toContain("935,000 input tokens");
  });

  test("each term's row shows its tokens and cost per request, per day and per month", () => {
    render(<PricingSliders initial={{ cacheWriteTokens: 3_000, cacheReadTokens: 20_000 }} />);
    fireEvent.change(screen.getByRole("spinbutton", { name: /Requests per day/ }), {
      target: { value: "250" },
    });
    const usage = {
      inputTokens: 9_350,
      outputTokens: 200,
      cacheWrite5mTokens: 3_000,
      cacheReadTokens: 20_000,
    };
    const bill = costBreakdown(usage, "claude-sonnet-4.5");
    const rows = document.querySelectorAll("tbody tr[data-term]");
    expect([...rows].map((row) => row.getAttribute("data-term"))).toEqual([
      "input",
      "cacheWrite5m",
      "cacheRead",
      "output",
    ]);
    for (const row of rows) {
      const term = bill.terms[row.getAttribute("data-term") as keyof typeof bill.terms];
      const cell = (name: string) => row.querySelector(`[data-cell="${name}"]`)?.textContent;
      expect(cell("tokens-per-request")).toBe(formatTokens(term.tokens));
      expect(cell("per-request")).toBe(formatUsd(term.costNanos));
      expect(cell("per-day")).toBe(formatUsd(scaleNanos(term.costNanos, 250)));
      expect(cell("per-month")).toBe(formatUsd(scaleNanos(term.costNanos, 250 * 30)));
    }
    const headers = [...document.querySelectorAll("thead th")].map((th) => th.textContent);
    expect(headers).toEqual([
      "Term",
      "Tokens per request",
      "Per million",
      "Per request",
      "Per day",
      "Per month",
      "Share",
    ]);
  });

  test("typing a value in a number box redraws the bill", () => {
    render(<PricingSliders />);
    const box = screen.getByRole("spinbutton", { name: /Output tokens per request/ });
    fireEvent.change(box, { target: { value: "5000" } });
    const usage = { inputTokens: 9_350, outputTokens: 5_000 };
    const expected = costBreakdown(usage, "claude-sonnet-4.5").costNanos;
    expect(figure("per-request")).toBe(formatUsd(expected));
  });

  test("a value typed past the maximum is clamped on Enter, with a note", () => {
    render(<PricingSliders />);
    const box = screen.getByRole("spinbutton", { name: /Requests per day/ });
    fireEvent.change(box, { target: { value: "99999999" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect((box as HTMLInputElement).value).toBe("10000000");
    expect(
      screen.getByText(/“99999999” is outside 0 to 10,000,000 requests; using 10,000,000 requests/),
    ).toBeTruthy();
  });

  test("choosing another model reprices with that model", () => {
    render(<PricingSliders />);
    fireEvent.change(screen.getByRole("combobox", { name: "Model" }), {
      target: { value: "gpt-4o" },
    });
    const expected = costBreakdown({ inputTokens: 9_350, outputTokens: 200 }, "gpt-4o");
    expect(figure("per-request")).toBe(formatUsd(expected.costNanos));
  });

  test("a link's bad values are clamped and said, never NaN", () => {
    window.history.replaceState(null, "", "/?pricing.inputTokens=abc&pricing.outputTokens=-4");
    render(<PricingSliders />);
    const notes = screen.getByRole("list");
    expect(within(notes).getByText(/“abc”, is not a number; using 9,350 tokens/)).toBeTruthy();
    expect(within(notes).getByText(/“-4”, is below 0 tokens; using 0 tokens/)).toBeTruthy();
    expect(document.body.textContent).not.toContain("NaN");
    const expected = costBreakdown({ inputTokens: 9_350, outputTokens: 0 }, "claude-sonnet-4.5");
    expect(figure("per-request")).toBe(formatUsd(expected.costNanos));
  });

  test("a snippet run's scenario and price redraw the widget", () => {
    render(<PricingSliders snippet="test/pricing" />);
    const negotiated = { ...models["claude-sonnet-4.5"], id: "sonnet-deal", input: 2.4 };
    act(() => {
      publishRun({
        snippetId: "test/pricing",
        runId: 1,
        status: "ok",
        exports: {
          scenario: { inputTokens: 20_000, requestsPerDay: 50 },
          price: cloned(negotiated),
        },
      });
    });
    const expected = costBreakdown({ inputTokens: 20_000, outputTokens: 200 }, negotiated);
    expect(figure("per-request")).toBe(formatUsd(expected.costNanos));
    expect(figure("per-day")).toBe(formatUsd(scaleNanos(expected.costNanos, 50)));
    expect(screen.getByText(/Drawn from your snippet's run 1/)).toBeTruthy();
  });

  test("a snippet's rejected price is left out with the module's message", () => {
    render(<PricingSliders snippet="test/pricing-bad" />);
    const broken = { ...models["gpt-4o"], input: -1 };
    act(() => {
      publishRun({
        snippetId: "test/pricing-bad",
        runId: 2,
        status: "ok",
        exports: { price: cloned(broken) },
      });
    });
    expect(screen.getByText(/price is left out: price.input must be/)).toBeTruthy();
    const expected = costBreakdown({ inputTokens: 9_350, outputTokens: 200 }, "claude-sonnet-4.5");
    expect(figure("per-request")).toBe(formatUsd(expected.costNanos));
  });
});
