import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, test, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { NumberField } from "../../../components/widgets/shared/NumberField";
import { LiveRegion } from "../../../components/widgets/shared/LiveRegion";
import { ShareLink } from "../../../components/widgets/shared/ShareLink";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Field({ scale }: { scale?: "linear" | "log" }) {
  const [value, setValue] = useState(500);
  return (
    <NumberField
      label="Prefix"
      unit="tokens"
      whole
      min={0}
      max={1000}
      scale={scale}
      value={value}
      onChange={setValue}
    />
  );
}

describe("NumberField", () => {
  test("labels the slider and the box, with the unit", () => {
    render(<Field />);
    expect(screen.getByRole("slider", { name: "Prefix" }).getAttribute("aria-valuetext")).toBe(
      "500 tokens",
    );
    expect(screen.getByRole("spinbutton", { name: "Prefix tokens" })).toBeTruthy();
  });

  test("the slider sets the value and the box follows", () => {
    render(<Field />);
    fireEvent.change(screen.getByRole("slider"), { target: { value: "640" } });
    expect((screen.getByRole("spinbutton") as HTMLInputElement).value).toBe("640");
  });

  test("a log slider's position maps to a value, not to itself", () => {
    render(<Field scale="log" />);
    const slider = screen.getByRole("slider") as HTMLInputElement;
    expect(slider.max).toBe("200");
    fireEvent.change(slider, { target: { value: "200" } });
    expect((screen.getByRole("spinbutton") as HTMLInputElement).value).toBe("1000");
  });

  test("typing waits for Enter or leaving before it clamps", () => {
    render(<Field />);
    const box = screen.getByRole("spinbutton") as HTMLInputElement;
    fireEvent.change(box, { target: { value: "5000" } });
    expect(screen.getByRole("slider").getAttribute("aria-valuetext")).toBe("500 tokens");
    fireEvent.blur(box);
    expect(box.value).toBe("1000");
    expect(screen.getByRole("status").textContent).toBe(
      "“5000” is outside 0 to 1,000 tokens; using 1,000 tokens.",
    );
  });

  test("an emptied box keeps the value, and says so", () => {
    render(<Field />);
    const box = screen.getByRole("spinbutton") as HTMLInputElement;
    fireEvent.change(box, { target: { value: "" } });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(box.value).toBe("500");
    expect(screen.getByRole("status").textContent).toBe("“” is not a number; keeping 500 tokens.");
  });
});

describe("LiveRegion", () => {
  test("is silent for the first message and speaks a change once it settles", () => {
    vi.useFakeTimers();
    const { rerender } = render(<LiveRegion message="$1.00 a month." />);
    const region = screen.getByRole("status");
    expect(region.getAttribute("aria-live")).toBe("polite");
    act(() => void vi.advanceTimersByTime(1000));
    expect(region.textContent).toBe("");
    rerender(<LiveRegion message="$2.00 a month." />);
    act(() => void vi.advanceTimersByTime(300));
    rerender(<LiveRegion message="$3.00 a month." />);
    act(() => void vi.advanceTimersByTime(300));
    expect(region.textContent).toBe("");
    act(() => void vi.advanceTimersByTime(400));
    expect(region.textContent).toBe("$3.00 a month.");
  });
});

describe("ShareLink", () => {
  test("links to this scenario and copies it with other widgets' values kept", async () => {
    window.history.replaceState(null, "", "/lesson/?other.turns=3&w.turns=9#top");
    const writeText = vi.fn(async (_: string) => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(<ShareLink query="w.turns=4" prefix="w" />);
    // The link keeps the other widget's value too, and replaces this one's.
    expect(screen.getByRole("link").getAttribute("href")).toBe("?other.turns=3&w.turns=4#w");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Copy link" })));
    const copied = new URL(writeText.mock.calls[0]![0]);
    expect(copied.searchParams.get("other.turns")).toBe("3");
    expect(copied.searchParams.getAll("w.turns")).toEqual(["4"]);
    expect(copied.hash).toBe("#w");
    expect(screen.getByText("Link copied.")).toBeTruthy();
    window.history.replaceState(null, "", "/");
  });

  test("the server's link holds this scenario alone: it cannot read the address", () => {
    const html = renderToString(<ShareLink query="w.turns=4" prefix="w" />);
    expect(html).toContain('href="?w.turns=4#w"');
  });
});
