import { describe, expect, test } from "vitest";
import { closestName, runtimeErrorText, timeoutText } from "../../../src/notebook/messages";

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

  test("explains a failed allocation as memory", () => {
    expect(runtimeErrorText("RangeError", "Invalid array length")).toMatch(/more memory than the sandbox allows/);
  });

  test("keeps other errors as name and message", () => {
    expect(runtimeErrorText("TypeError", "x is not a function")).toBe("TypeError: x is not a function");
    expect(runtimeErrorText("", "a thrown string")).toBe("a thrown string");
  });
});

describe("timeoutText(limitMs)", () => {
  test("says how long, why, and that the edit is kept", () => {
    expect(timeoutText(2000)).toMatch(/^Stopped after 2 seconds: .* Your edit is kept/);
  });
});
