import { describe, expect, test } from "vitest";
import {
  closestName,
  crashText,
  leftOutText,
  pendingText,
  runtimeErrorText,
  timeoutText,
} from "../../../src/notebook/messages";

describe("closestName(name, candidates)", () => {
  test.each([
    ["costOff", "costOf"],
    ["sesionCost", "sessionCost"],
    ["models", "models"],
    ["fetch", null],
  ])("%s → %s", (name, expected) => {
    expect(closestName(name, ["costOf", "sessionCost", "models", "cacheSavings"])).toBe(expected);
  });
});

describe("runtimeErrorText(name, message)", () => {
  test("explains a stack overflow as recursion", () => {
    expect(runtimeErrorText("RangeError", "Maximum call stack size exceeded")).toMatch(
      /^The code recursed too deeply/,
    );
  });

  test.each([
    "Invalid array length",
    "Invalid array buffer length",
    "Array buffer allocation failed",
    "Invalid string length",
    "Invalid typed array length: 4294967296",
  ])("explains %s as memory", (message) => {
    expect(runtimeErrorText("RangeError", message)).toMatch(/more memory than the sandbox allows/);
  });

  test("keeps other errors as name and message", () => {
    expect(runtimeErrorText("TypeError", "x is not a function")).toBe(
      "TypeError: x is not a function",
    );
    expect(runtimeErrorText("", "a thrown string")).toBe("a thrown string");
  });
});

describe("timeoutText(limitMs)", () => {
  test("says how long, why, and that the edit is kept", () => {
    expect(timeoutText(2000)).toMatch(/^Stopped after 2 seconds: .* Your edit is kept/);
  });
});

describe("crashText()", () => {
  test("names the likely causes, what to do, and that the edit is kept", () => {
    expect(crashText()).toMatch(/more memory than the sandbox has/);
    expect(crashText()).toMatch(/log less/);
    expect(crashText()).toMatch(/Your edit is kept\.$/);
  });
});

describe("leftOutText(leftOut)", () => {
  test.each([
    [{ consoleLines: 1, exports: 0, reports: 0 }, /^1 console line was left out: /],
    [{ consoleLines: 1200, exports: 0, reports: 0 }, /^1,200 console lines were left out: /],
    [{ consoleLines: 3, exports: 1, reports: 0 }, /^3 console lines and 1 export were left out: /],
    [
      { consoleLines: 2, exports: 4, reports: 9 },
      /^2 console lines, 4 exports and 9 reports to the widget were left out: /,
    ],
  ])("%o", (leftOut, expected) => {
    const text = leftOutText(leftOut);
    expect(text).toMatch(expected);
    expect(text).toMatch(/Log a summary, or a few rows \(rows\.slice\(0, 10\)\)/);
  });
});

describe("pendingText(timers, graceMs)", () => {
  test("says the run ended before its scheduled work, and how to wait for it", () => {
    expect(pendingText(1, 500)).toMatch(
      /^The run ended before its scheduled work: 1 timer was still waiting 0\.5 seconds .* so it never ran\./,
    );
    expect(pendingText(3, 200)).toMatch(
      /3 timers were still waiting 0\.2 seconds .* so they never ran\./,
    );
    expect(pendingText(1, 500)).toContain(
      "await new Promise((resolve) => setTimeout(resolve, ms))",
    );
  });
});
