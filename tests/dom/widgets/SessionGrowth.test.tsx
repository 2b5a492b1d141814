import { afterEach, describe, expect, test } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { formatPercent, formatUsd, sessionCost, type SessionOptions } from "cost";
import SessionGrowth from "../../../components/widgets/SessionGrowth/SessionGrowth";
import { publishRun } from "../../../src/notebook/store";

afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});

function figure(name: string): string {
  return document.querySelector(`[data-figure="${name}"]`)?.textContent ?? "";
}

const defaults = {
  model: "claude-sonnet-4.5",
  turns: 30,
  prefixTokens: 5_000,
  growthTokensPerTurn: 1_000,
  outputTokensPerTurn: 400,
  cache: "none",
} satisfies SessionOptions;

describe("SessionGrowth", () => {
  test("draws one stacked bar of three parts per turn and the cost line", () => {
    render(<SessionGrowth />);
    expect(figure("session-cost")).toBe(formatUsd(sessionCost(defaults).costNanos));
    for (const part of ["prefixTokens", "historyTokens", "outputTokens"]) {
      expect(document.querySelectorAll(`.growth-${part} rect`)).toHaveLength(30);
    }
    expect(document.querySelector(".growth-cost")?.getAttribute("d")).toMatch(/^M/);
    const doubled = sessionCost({ ...defaults, turns: 60 });
    const factor = Number(doubled.costNanos) / Number(sessionCost(defaults).costNanos);
    expect(figure("quadratic")).toBe(
      `Twice the turns (60) cost ${factor.toFixed(1)}× as much: the bill grows faster than ` +
        "the session: every turn re-sends all the turns before it.",
    );
  });

  test("labels the quadratic shape and the prefix's share on the chart, by d3's scales", () => {
    render(<SessionGrowth />);
    const session = sessionCost(defaults);
    const last = session.turns[29]!;
    const growth = last.promptTokens / session.turns[0]!.promptTokens;
    const label = document.querySelector('svg [data-figure="chart-growth"]');
    expect(label?.textContent).toBe(`Turn 30: ${growth.toFixed(1)}× turn 1`);

    const share = (defaults.prefixTokens * 30) / session.promptTokens;
    expect(figure("prefix-share")).toBe(formatPercent(share));
    const prefix = document.querySelector('svg [data-figure="chart-prefix"]');
    expect(prefix?.textContent).toBe(`Prefix: ${formatPercent(share)} of prompt tokens`);

    // The growth label sits just over the last bar; the prefix label on the band.
    const bars = (part: string) => document.querySelectorAll(`.growth-${part} rect`);
    const lastTop = Number(bars("outputTokens")[29]!.getAttribute("y"));
    expect(Number(label?.getAttribute("y"))).toBe(lastTop - 6);
    const band = bars("prefixTokens")[14]!;
    const bandTop = Number(band.getAttribute("y"));
    const bandBottom = bandTop + Number(band.getAttribute("height"));
    const prefixY = Number(prefix?.getAttribute("y"));
    expect(prefixY).toBeGreaterThan(bandTop);
    expect(prefixY).toBeLessThan(bandBottom);
    const bandMiddle = Number(band.getAttribute("x")) + Number(band.getAttribute("width")) / 2;
    expect(Number(prefix?.getAttribute("x"))).toBeCloseTo(bandMiddle, 6);
  });

  test("the labels follow the controls", () => {
    render(<SessionGrowth />);
    fireEvent.change(screen.getByRole("spinbutton", { name: /^Turns/ }), {
      target: { value: "10" },
    });
    const session = sessionCost({ ...defaults, turns: 10 });
    const growth = session.turns[9]!.promptTokens / session.turns[0]!.promptTokens;
    expect(figure("chart-growth")).toBe(`Turn 10: ${growth.toFixed(1)}× turn 1`);
    const share = formatPercent((5_000 * 10) / session.promptTokens);
    expect(figure("prefix-share")).toBe(share);
    expect(figure("chart-prefix")).toBe(`Prefix: ${share} of prompt tokens`);
  });

  test("the turn table is the chart's text alternative, row per turn", () => {
    render(<SessionGrowth />);
    const rows = document.querySelectorAll(".growth-details tbody tr");
    expect(rows).toHaveLength(30);
    const last = sessionCost(defaults).turns[29];
    expect(rows[29]?.textContent).toContain(formatUsd(last!.cumulativeCostNanos));
    const svg = screen.getByRole("img");
    const summary = document.getElementById(svg.getAttribute("aria-labelledby") ?? "");
    expect(summary?.textContent).toBe(figure("summary"));
  });

  test("choosing a cache mode reprices the session", () => {
    render(<SessionGrowth />);
    fireEvent.click(screen.getByRole("radio", { name: "Conversation" }));
    const expected = sessionCost({ ...defaults, cache: "conversation" });
    expect(figure("session-cost")).toBe(formatUsd(expected.costNanos));
  });

  test("a link's turns past the maximum are clamped and said", () => {
    window.history.replaceState(null, "", "/?session.turns=5000&session.cache=all");
    render(<SessionGrowth />);
    expect(screen.getByText(/“5000”, is above 200 turns; using 200 turns/)).toBeTruthy();
    expect(screen.getByText(/“all”, is not one of the options; using none/)).toBeTruthy();
    expect(document.querySelectorAll(".growth-prefixTokens rect")).toHaveLength(200);
  });

  test("a snippet's session export redraws the chart", () => {
    render(<SessionGrowth snippet="test/session" />);
    act(() => {
      publishRun({
        snippetId: "test/session",
        runId: 1,
        status: "ok",
        exports: { session: { ...defaults, turns: 12, cache: "prefix" } },
      });
    });
    const expected = sessionCost({ ...defaults, turns: 12, cache: "prefix" });
    expect(figure("session-cost")).toBe(formatUsd(expected.costNanos));
    expect(document.querySelectorAll(".growth-prefixTokens rect")).toHaveLength(12);
  });

  test("a failed snippet run keeps the last values and says so", () => {
    render(<SessionGrowth snippet="test/session-fail" />);
    act(() => {
      publishRun({
        snippetId: "test/session-fail",
        runId: 4,
        status: "error",
        exports: {},
        message: "boom",
      });
    });
    expect(screen.getByText(/run 4 did not finish; the widget keeps its last values/)).toBeTruthy();
    expect(figure("session-cost")).toBe(formatUsd(sessionCost(defaults).costNanos));
  });
});
