import { afterEach, describe, expect, test } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import {
  cascadeBreakEven,
  cascadeCostNanos,
  formatPercent,
  formatUsd,
  strongCostNanos,
} from "cost";
import CascadeBreakEven from "../../../components/widgets/CascadeBreakEven/CascadeBreakEven";
import { probeFor, publishRun } from "../../../src/notebook/store";
import { SAMPLE_RATES } from "../../../components/widgets/CascadeBreakEven/breakEven";

afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});

function figure(name: string): string {
  return document.querySelector(`[data-figure="${name}"]`)?.textContent ?? "";
}

const options = {
  cheap: "claude-haiku-4.5",
  strong: "claude-sonnet-4.5",
  inputTokens: 3_000,
  outputTokens: 600,
};

describe("CascadeBreakEven", () => {
  test("shows the cascade at the chosen rate and the break-even point", () => {
    render(<CascadeBreakEven />);
    expect(figure("cascade")).toBe(formatUsd(cascadeCostNanos(0.1, options)));
    expect(figure("break-even")).toBe(formatPercent(cascadeBreakEven(options)));
    expect(document.querySelector(".cascade-break-even text")?.textContent).toBe(
      `break-even ${formatPercent(cascadeBreakEven(options))}`,
    );
    expect(document.querySelector(".cascade-alarm-label text")?.textContent).toBe("quality alarm");
  });

  test("typing an escalation rate reprices the job", () => {
    render(<CascadeBreakEven />);
    const box = screen.getByRole("spinbutton", { name: /Escalation rate/ });
    fireEvent.change(box, { target: { value: "42" } });
    expect(figure("cascade")).toBe(formatUsd(cascadeCostNanos(0.42, options)));
  });

  test("registers a probe that samples the reader's costPerJob", () => {
    render(<CascadeBreakEven snippet="test/cascade-probe" />);
    const probe = probeFor("test/cascade-probe");
    expect(probe?.input).toEqual({ rates: SAMPLE_RATES });
    const sample = new Function(`return (${probe?.source})`)() as (
      exports: unknown,
      cost: unknown,
      input: unknown,
    ) => unknown;
    const exports = { costPerJob: (rate: number) => rate * 2 };
    expect(sample(exports, {}, { rates: [0, 0.5] })).toEqual([0, 1]);
    expect(sample({}, {}, { rates: [0] })).toBeNull();
  });

  test("a snippet run's exports and probe result redraw the chart", () => {
    render(<CascadeBreakEven snippet="test/cascade" />);
    act(() => {
      publishRun({
        snippetId: "test/cascade",
        runId: 1,
        status: "ok",
        exports: {
          cascade: { ...options, strong: "claude-opus-4.5" },
          escalationRate: 0.3,
          costPerJob: { kind: "function", name: "costPerJob" },
        },
        probe: SAMPLE_RATES.map((rate) => 0.001 + rate * 0.01),
      });
    });
    const strong = { ...options, strong: "claude-opus-4.5" };
    expect(figure("cascade")).toBe(formatUsd(cascadeCostNanos(0.3, strong)));
    expect(document.querySelector(".cascade-reader")?.getAttribute("d")).toMatch(/^M/);
    expect(figure("reader")).toContain(`Your costPerJob(0.3) returns ${formatUsd(0.004)}`);
    const rows = document.querySelectorAll(".cascade-details tbody tr");
    expect(rows).toHaveLength(SAMPLE_RATES.length);
    expect(rows[20]?.textContent).toBe(
      `100%${formatUsd(cascadeCostNanos(1, strong))}` +
        `${formatUsd(strongCostNanos(strong))}${formatUsd(0.011)}`,
    );
  });

  test("a snippet's escalation rate above 1 is clamped and said", () => {
    render(<CascadeBreakEven snippet="test/cascade-bad" />);
    act(() => {
      publishRun({
        snippetId: "test/cascade-bad",
        runId: 1,
        status: "ok",
        exports: { escalationRate: 1.5 },
      });
    });
    expect(
      screen.getByText(/Your snippet's escalationRate, “1.5”, is above 1; using 1\./),
    ).toBeTruthy();
    expect(figure("cascade")).toBe(formatUsd(cascadeCostNanos(1, options)));
  });
});
