import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import Predict, { describeMiss, parseGuess } from "../../../components/guide/Predict";
import { publishRun } from "../../../src/notebook/store";
import { loadProgress } from "../../../components/guide/progress";

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe("parseGuess(text, unit)", () => {
  test.each([
    ["$1.20", "usd", 1.2],
    [" 2,805 ", "usd", 2805],
    ["80%", "rate", 0.8],
    ["0.8", "rate", 0.8],
    ["80", "rate", 0.8],
    ["-1", "usd", null],
    ["abc", "usd", null],
    ["", "rate", null],
    ["150%", "rate", null],
  ] as const)("%j as %s is %s", (text, unit, expected) => {
    expect(parseGuess(text, unit)).toBe(expected);
  });
});

describe("describeMiss(guess, actual, unit)", () => {
  test.each([
    [1.5, 3, "usd", "50% low (0.50× the run)."],
    [6, 3, "usd", "100% high (2.00× the run)."],
    [3, 3, "usd", "Spot on."],
    [0.5, 0.8, "rate", "30 percentage points low."],
  ] as const)("guess %s against %s (%s): %s", (guess, actual, unit, text) => {
    expect(describeMiss(guess, actual, unit)).toBe(text);
  });
});

describe("<Predict>", () => {
  test("a committed guess is compared with the snippet's run", () => {
    render(
      <Predict id="p1" snippet="s1" exportName="total" question="What does it cost?" unit="usd" />,
    );
    fireEvent.change(screen.getByLabelText(/Your guess/), { target: { value: "$1.50" } });
    fireEvent.click(screen.getByText("Commit prediction"));
    expect(screen.getByText(/Now run the snippet/)).toBeTruthy();
    act(() => publishRun({ snippetId: "s1", runId: 1, status: "ok", exports: { total: 3 } }));
    expect(document.querySelector(".predict-committed")!.textContent).toContain(
      "The run gave $3.00: 50% low",
    );
    expect(loadProgress().predictions.p1).toEqual({ guess: 1.5, actual: 3 });
  });

  test("a guess that is not a number gets a clear message and nothing is saved", () => {
    render(<Predict id="p2" snippet="s2" exportName="rate" question="Break-even?" unit="rate" />);
    fireEvent.change(screen.getByLabelText(/Your guess/), { target: { value: "lots" } });
    fireEvent.click(screen.getByText("Commit prediction"));
    expect(screen.getByRole("alert").textContent).toMatch(/rate from 0 to 1/);
    expect(loadProgress().predictions.p2).toBeUndefined();
  });
});

describe("<Predict> when storage refuses", () => {
  test("the guess still stands, and the reader is told it is not kept", () => {
    const setItem = vi.spyOn(localStorage, "setItem").mockImplementation(() => {
      throw new DOMException("Storage is full", "QuotaExceededError");
    });
    try {
      render(<Predict id="p3" snippet="s3" exportName="x" question="How much?" unit="usd" />);
      fireEvent.change(screen.getByLabelText(/Your guess/), { target: { value: "2" } });
      fireEvent.click(screen.getByText("Commit prediction"));
      expect(document.querySelector(".predict-committed")!.textContent).toContain("$2.00");
      expect(document.querySelector(".predict-note")!.textContent).toMatch(
        /stands, but this browser did not let Crux save it .* this visit only/,
      );
    } finally {
      setItem.mockRestore();
    }
  });

  test("no note when the guess was saved", () => {
    render(<Predict id="p4" snippet="s4" exportName="x" question="How much?" unit="usd" />);
    fireEvent.change(screen.getByLabelText(/Your guess/), { target: { value: "2" } });
    fireEvent.click(screen.getByText("Commit prediction"));
    expect(document.querySelector(".predict-note")).toBeNull();
  });
});

describe("<Predict> on a later visit", () => {
  test("shows the committed guess and the last run's figure without asking again", () => {
    const first = render(
      <Predict id="p5" snippet="s5" exportName="x" question="How much?" unit="usd" />,
    );
    fireEvent.change(screen.getByLabelText(/Your guess/), { target: { value: "4" } });
    fireEvent.click(screen.getByText("Commit prediction"));
    act(() => publishRun({ snippetId: "s5", runId: 1, status: "ok", exports: { x: 5 } }));
    first.unmount();

    render(<Predict id="p5" snippet="s5" exportName="x" question="How much?" unit="usd" />);
    expect(screen.queryByText("Commit prediction")).toBeNull();
    expect(document.querySelector(".predict-committed")!.textContent).toContain(
      "Your prediction: $4.00. The run gave $5.00: 20% low",
    );
  });
});
