import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import RaceAnimation from "../../../components/race/RaceAnimation";
import { longestSteps, timelineOf } from "../../../components/race/frames";
import { plainResult, runScenario, WORKED_SCENARIO } from "../../../components/race/scenario";
import { traceDigest } from "../../../components/race/traceDigest";
import { FRAME_MS } from "../../../components/race/usePlayback";

// The race as the Astro page passes it: computed at build time, plain data.
const initial = plainResult(await runScenario(WORKED_SCENARIO));
const reserveScenario = { ...WORKED_SCENARIO, guard: "reserve-commit" as const };
const reserved = plainResult(await runScenario(reserveScenario));
const FRAMES = 16; // starts, five read-and-call frames, five call-ends, five records

function reduceMotion(reduce: boolean): void {
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: reduce && query.includes("reduce"),
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

function stepText(): string {
  return screen.getByTestId("race-step").textContent ?? "";
}

function figure(name: string): string {
  return document.querySelector(`[data-figure="${name}"]`)?.textContent ?? "";
}

beforeEach(() => reduceMotion(false));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("RaceAnimation before hydration", () => {
  test("the server's HTML shows the whole race and its overspend", () => {
    const html = renderToString(<RaceAnimation initial={initial} />);
    expect(html).toContain(
      "5 of 5 requests called the model. Spend reached $1.15 against a $1.00 limit: " +
        "$0.15 (15%) over.",
    );
    expect(html).toContain('data-figure="over">$0.15 (15%)<');
    expect(html).toContain('data-figure="committed">$1.15<');
    expect(html).toContain(">Replay<");
    expect(html.match(/class="race-lane"/g)).toHaveLength(5);
    expect(html).toContain(`data-trace="${traceDigest(initial.trace)}"`);
  });
});

describe("RaceAnimation playback", () => {
  test("starts paused on the whole race when the reader prefers reduced motion", () => {
    reduceMotion(true);
    vi.useFakeTimers();
    render(<RaceAnimation initial={initial} />);
    act(() => vi.advanceTimersByTime(10 * FRAME_MS));
    expect(screen.getByRole("button", { name: "Replay" })).toBeTruthy();
    expect(stepText()).toMatch(/\$1\.15 committed\. Request \d is done\.$/);
    expect(figure("over")).toBe("$0.15 (15%)");
  });

  test("otherwise plays from the start, a frame at a time", () => {
    vi.useFakeTimers();
    render(<RaceAnimation initial={initial} />);
    expect(screen.getByRole("button", { name: "Pause" })).toBeTruthy();
    expect(stepText()).toBe("5 requests are about to start.");
    expect(figure("committed")).toBe("$0.90");

    act(() => vi.advanceTimersByTime(FRAME_MS));
    expect(stepText()).toBe("At 0 ms: 5 requests start at once.");

    for (let i = 0; i < FRAMES; i++) act(() => vi.advanceTimersByTime(FRAME_MS));
    expect(screen.getByRole("button", { name: "Replay" })).toBeTruthy();
    expect(figure("over")).toBe("$0.15 (15%)");
  });

  test("pause stops, and step moves one frame either way", () => {
    vi.useFakeTimers();
    render(<RaceAnimation initial={initial} />);
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    act(() => vi.advanceTimersByTime(5 * FRAME_MS));
    expect(stepText()).toBe("5 requests are about to start.");
    expect(screen.getByRole("button", { name: "Step back" })).toHaveProperty("disabled", true);

    fireEvent.click(screen.getByRole("button", { name: "Step forward" }));
    fireEvent.click(screen.getByRole("button", { name: "Step forward" }));
    expect(stepText()).toMatch(/reads the month's spend: \$0\.90/);
    fireEvent.click(screen.getByRole("button", { name: "Step back" }));
    expect(stepText()).toBe("At 0 ms: 5 requests start at once.");
  });

  test("the scrubber jumps to a frame and says what it shows", () => {
    vi.useFakeTimers();
    render(<RaceAnimation initial={initial} />);
    const scrubber = screen.getByRole("slider", { name: "Position in the race" });
    fireEvent.change(scrubber, { target: { value: "6" } });
    expect(screen.getByRole("button", { name: "Play" })).toBeTruthy();
    expect(scrubber.getAttribute("aria-valuetext")).toBe(`Step 6 of ${FRAMES}. ${stepText()}`);
    // All five have read $0.90 and are waiting on the model.
    expect(figure("committed")).toBe("$0.90");
    expect(document.querySelectorAll('[data-active="call"]')).toHaveLength(5);
  });

  test("a faster speed shows frames sooner", () => {
    vi.useFakeTimers();
    render(<RaceAnimation initial={initial} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Speed" }), {
      target: { value: "4" },
    });
    act(() => vi.advanceTimersByTime(FRAME_MS / 4));
    expect(stepText()).toBe("At 0 ms: 5 requests start at once.");
  });
});

describe("RaceAnimation controls", () => {
  test("the reserve/commit guard holds the line", async () => {
    reduceMotion(true);
    render(<RaceAnimation initial={initial} />);
    fireEvent.click(screen.getByRole("radio", { name: "Reserve, call, commit" }));
    expect(
      await screen.findByText(
        "2 of 5 requests called the model; 3 refused. Spend $1.00 of a $1.00 limit: " +
          "nothing over.",
      ),
    ).toBeTruthy();
    expect(figure("over")).toBe("None");
  });

  test("a larger burst draws a lane per call and overspends more", async () => {
    reduceMotion(true);
    render(<RaceAnimation initial={initial} />);
    const calls = screen.getByRole("spinbutton", { name: /Calls at once/ });
    fireEvent.change(calls, { target: { value: "20" } });
    expect(
      await screen.findByText(/^20 of 20 requests called the model\. Spend reached \$1\.90/),
    ).toBeTruthy();
    expect(document.querySelectorAll(".race-lane")).toHaveLength(20);
  });

  test("a new seed runs the race again with other latencies", async () => {
    reduceMotion(true);
    render(<RaceAnimation initial={initial} />);
    const before = screen.getByRole("img").getAttribute("aria-label");
    fireEvent.click(screen.getByRole("button", { name: "New seed" }));
    expect(await screen.findByText("Seed 2")).toBeTruthy();
    await vi.waitFor(() => {
      expect(screen.getByRole("img").getAttribute("aria-label")).not.toBe(before);
    });
  });

  test("a lower limit moves the gauge's limit line", async () => {
    reduceMotion(true);
    render(<RaceAnimation initial={initial} />);
    const limit = screen.getByRole("spinbutton", { name: /Monthly limit/ });
    fireEvent.change(limit, { target: { value: "0.95" } });
    expect(await screen.findByText("limit $0.95")).toBeTruthy();
    expect(figure("over")).toBe("$0.20 (21.1%)");
  });

  test("announces the step the reader moved to, politely", () => {
    vi.useFakeTimers();
    render(<RaceAnimation initial={initial} />);
    const region = screen.getByRole("status");
    expect(region.getAttribute("aria-live")).toBe("polite");
    // The first state is already on the page: nothing to say yet.
    expect(region.textContent).toBe("");

    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    fireEvent.click(screen.getByRole("button", { name: "Step forward" }));
    fireEvent.click(screen.getByRole("button", { name: "Step forward" }));
    act(() => vi.advanceTimersByTime(1_000));
    expect(stepText()).toMatch(/^At \d+ ms: Request \d reads the month's spend: \$0\.90\./);
    expect(region.textContent).toBe(stepText());
  });

  test("announces the summary of a new race, politely", async () => {
    reduceMotion(true);
    render(<RaceAnimation initial={initial} />);
    const region = screen.getByRole("status");
    fireEvent.click(screen.getByRole("radio", { name: "Reserve, call, commit" }));
    await vi.waitFor(() => {
      expect(region.textContent).toBe(
        "2 of 5 requests called the model; 3 refused. Spend $1.00 of a $1.00 limit: " +
          "nothing over.",
      );
    });
  });
});

describe("RaceAnimation's gauge", () => {
  test("shows the holds of a reserve/commit race before the first call returns", () => {
    reduceMotion(true);
    render(<RaceAnimation initial={reserved} scenario={reserveScenario} />);
    const { frames } = timelineOf(reserved);
    const firstEnd = frames.findIndex((frame) =>
      frame.events.some((event) => event.step === "call-end"),
    );
    expect(firstEnd).toBeGreaterThan(0);

    // Frames 0 to firstEnd - 1 played: both reserves made, no call back.
    const scrubber = screen.getByRole("slider", { name: "Position in the race" });
    fireEvent.change(scrubber, { target: { value: String(firstEnd) } });
    expect(figure("committed")).toBe("$0.90");
    expect(figure("held")).toBe("$0.10");
    const held = document.querySelector(".race-gauge-held");
    expect(Number(held?.getAttribute("width"))).toBeGreaterThan(0);

    // Once every call has committed, nothing is held.
    fireEvent.change(scrubber, { target: { value: String(frames.length) } });
    expect(figure("held")).toBe("$0.00");
    expect(Number(document.querySelector(".race-gauge-held")?.getAttribute("width"))).toBe(0);
  });
});

describe("RaceAnimation's step line", () => {
  test("keeps the race's longest sentences in its box, unseen, at every frame", () => {
    vi.useFakeTimers();
    const { container } = render(<RaceAnimation initial={initial} />);
    const tallest = longestSteps(timelineOf(initial));
    const room = () =>
      [...container.querySelectorAll(".race-step .race-step-room")].map((el) => el.textContent);
    expect(tallest[0]!.length).toBeGreaterThan(100);
    expect(room()).toEqual(tallest);
    for (let i = 0; i < 4; i++) {
      act(() => vi.advanceTimersByTime(FRAME_MS));
      expect(room()).toEqual(tallest);
    }
    const hidden = container.querySelectorAll('.race-step-room[aria-hidden="true"]');
    expect(hidden).toHaveLength(tallest.length);
  });

  test("the server's HTML already reserves the room", () => {
    const html = renderToString(<RaceAnimation initial={initial} />);
    const tallest = longestSteps(timelineOf(initial));
    const room = [...html.matchAll(/class="race-step-room"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(room.map((text) => text!.replaceAll("&#x27;", "'"))).toEqual(tallest);
  });
});
