import { afterEach, describe, expect, test } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { cacheSavings, formatUsd } from "cost";
import CacheSavings from "../../../components/widgets/CacheSavings/CacheSavings";
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
  prefixTokens: 20_000,
  turns: 10,
  ttl: "5m",
} as const;

describe("CacheSavings", () => {
  test("shows the cost module's savings and both lines", () => {
    render(<CacheSavings />);
    const savings = cacheSavings(defaults);
    expect(figure("uncached")).toBe(formatUsd(savings.uncachedNanos));
    expect(figure("cached")).toBe(formatUsd(savings.cachedNanos));
    expect(figure("break-even")).toBe(`turn ${savings.breakEvenTurn}`);
    expect(document.querySelector(".cache-line-uncached")?.getAttribute("d")).toMatch(/^M/);
    expect(document.querySelector(".cache-line-cached")?.getAttribute("d")).toMatch(/^M/);
    expect(figure("minimum")).toBe("");
    const rows = document.querySelectorAll(".cache-details tbody tr");
    expect(rows).toHaveLength(10);
    expect(rows[9]?.textContent).toBe(
      `10${formatUsd(savings.uncachedNanos)}${formatUsd(savings.cachedNanos)}`,
    );
  });

  test("the lifetime table compares both write prices", () => {
    render(<CacheSavings />);
    const rows = document.querySelectorAll(".cache-ttl-table tbody tr");
    expect(rows).toHaveLength(2);
    const oneHour = cacheSavings({ ...defaults, ttl: "1h" });
    expect(rows[1]?.textContent).toContain(formatUsd(oneHour.savedNanos));
  });

  test("choosing the 1-hour lifetime reprices the cached line", () => {
    render(<CacheSavings />);
    fireEvent.click(screen.getByRole("radio", { name: "1 hour" }));
    expect(figure("cached")).toBe(formatUsd(cacheSavings({ ...defaults, ttl: "1h" }).cachedNanos));
  });

  test("a snippet's prefix under the minimum shows the minimum's note", () => {
    render(<CacheSavings snippet="test/prefix" />);
    act(() => {
      publishRun({
        snippetId: "test/prefix",
        runId: 1,
        status: "ok",
        exports: {
          prefix: { model: "claude-haiku-4.5", prefixTokens: 3_000, turns: 10, ttl: "5m" },
        },
      });
    });
    expect(figure("minimum")).toMatch(/^Claude Haiku 4.5 caches prefixes of 4,096 tokens or more/);
    expect(figure("break-even")).toBe("never");
  });

  test("a link's bad prefix is clamped and said, never NaN", () => {
    window.history.replaceState(null, "", "/?cache.prefixTokens=lots&cache.turns=0");
    render(<CacheSavings />);
    expect(screen.getByText(/“lots”, is not a number; using 20,000 tokens/)).toBeTruthy();
    expect(screen.getByText(/“0”, is below 1 turn; using 1 turn\./)).toBeTruthy();
    expect(document.body.textContent).not.toContain("NaN");
  });
});
