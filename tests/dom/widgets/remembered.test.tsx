import { afterEach, describe, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { cacheSavings, formatUsd } from "cost";
import CacheSavings from "../../../components/widgets/CacheSavings/CacheSavings";
import { scenarioKey } from "../../../components/widgets/shared/savedScenario";

// A widget remembers what the reader set, per page and widget, and checks
// what it reads back like any outside value.

const KEY = scenarioKey("/", "cache");

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.history.replaceState(null, "", "/");
  localStorage.clear();
});

function figure(name: string): string {
  return document.querySelector(`[data-figure="${name}"]`)?.textContent ?? "";
}

function notes(): string {
  return document.querySelector(".widget-notes")?.textContent ?? "";
}

const lesson = { model: "claude-sonnet-4.5", prefixTokens: 20_000, turns: 10, ttl: "5m" } as const;

describe("a widget's remembered scenario", () => {
  test("what the reader sets survives a remount, figures and all", () => {
    const first = render(<CacheSavings />);
    fireEvent.change(screen.getByRole("spinbutton", { name: "Turns turns" }), {
      target: { value: "40" },
    });
    fireEvent.click(screen.getByRole("radio", { name: "1 hour" }));
    expect(JSON.parse(localStorage.getItem(KEY) ?? "{}")).toMatchObject({ turns: 40, ttl: "1h" });
    first.unmount();

    render(<CacheSavings />);
    const expected = cacheSavings({ ...lesson, turns: 40, ttl: "1h" });
    expect(figure("cached")).toBe(formatUsd(expected.cachedNanos));
    expect(notes()).toBe("");
  });

  test("saved values out of range are clamped and said, never trusted", () => {
    localStorage.setItem(KEY, JSON.stringify({ turns: 5000, prefixTokens: "lots", ttl: "1d" }));
    render(<CacheSavings />);
    const text = notes();
    expect(text).toContain(
      "Your saved number of turns, “5000”, is above 100 turns; using 100 turns.",
    );
    expect(text).toContain("Your saved prefix, “lots”, is not a number; using 20,000 tokens.");
    expect(text).toContain("Your saved cache lifetime, “1d”, is not one of the options");
    expect(figure("cached")).toBe(formatUsd(cacheSavings({ ...lesson, turns: 100 }).cachedNanos));
  });

  test("an unreadable entry is said, and the lesson's values are shown", () => {
    localStorage.setItem(KEY, "{not json");
    render(<CacheSavings />);
    expect(notes()).toContain("Your saved settings could not be read");
    expect(figure("cached")).toBe(formatUsd(cacheSavings(lesson).cachedNanos));
  });

  test("a link's values win over saved ones and do not overwrite them", () => {
    localStorage.setItem(KEY, JSON.stringify({ turns: 40 }));
    window.history.replaceState(null, "", "/?cache.turns=3");
    render(<CacheSavings />);
    expect(figure("cached")).toBe(formatUsd(cacheSavings({ ...lesson, turns: 3 }).cachedNanos));
    expect(JSON.parse(localStorage.getItem(KEY) ?? "{}")).toEqual({ turns: 40 });
  });

  test("Reset goes back to the lesson's values and forgets the saved ones", () => {
    render(<CacheSavings initial={{ turns: 20 }} />);
    fireEvent.change(screen.getByRole("spinbutton", { name: "Turns turns" }), {
      target: { value: "60" },
    });
    expect(localStorage.getItem(KEY)).not.toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Reset values" }));
    expect(figure("cached")).toBe(formatUsd(cacheSavings({ ...lesson, turns: 20 }).cachedNanos));
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  test("full storage is said once; the values still apply", () => {
    const full = {
      getItem: () => null,
      removeItem: () => undefined,
      setItem: () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      },
    };
    vi.spyOn(window, "localStorage", "get").mockReturnValue(full as unknown as Storage);
    render(<CacheSavings />);
    const box = screen.getByRole("spinbutton", { name: "Turns turns" });
    fireEvent.change(box, { target: { value: "30" } });
    fireEvent.change(box, { target: { value: "31" } });
    expect(figure("cached")).toBe(formatUsd(cacheSavings({ ...lesson, turns: 31 }).cachedNanos));
    const said = notes().match(/storage is full/g) ?? [];
    expect(said).toHaveLength(1);
  });
});
