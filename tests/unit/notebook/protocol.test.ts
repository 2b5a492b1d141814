import { describe, expect, test } from "vitest";
import { frameMessageFromUntrusted, workerEventFromUntrusted } from "../../../src/notebook/protocol";

describe("frameMessageFromUntrusted(data)", () => {
  test.each([
    ["ready", { type: "crux:ready" }, { type: "crux:ready" }],
    ["an end", { type: "crux:end", runId: 3, status: "timeout" }, { type: "crux:end", runId: 3, status: "timeout" }],
    [
      "an event",
      { type: "crux:event", runId: 1, event: { kind: "done", ms: 4.5 } },
      { type: "crux:event", runId: 1, event: { kind: "done", ms: 4.5 } },
    ],
  ])("reads %s", (_, data, expected) => {
    expect(frameMessageFromUntrusted(data)).toEqual(expected);
  });

  test.each([
    ["null", null],
    ["a string", "crux:ready"],
    ["an unknown type", { type: "crux:eval", runId: 1 }],
    ["a fractional run id", { type: "crux:end", runId: 1.5, status: "done" }],
    ["a negative run id", { type: "crux:end", runId: -1, status: "done" }],
    ["an unknown status", { type: "crux:end", runId: 1, status: "hacked" }],
    ["an unknown event", { type: "crux:event", runId: 1, event: { kind: "navigate" } }],
  ])("refuses %s", (_, data) => {
    expect(frameMessageFromUntrusted(data)).toBeNull();
  });
});

describe("workerEventFromUntrusted(data)", () => {
  test("keeps a console call's level only when known, and rebuilds its arguments", () => {
    expect(
      workerEventFromUntrusted({ kind: "console", level: "innerHTML", args: [{ kind: "null" }, "raw"] }),
    ).toEqual({ kind: "console", level: "log", args: [{ kind: "null" }, { kind: "undefined" }] });
  });

  test("keeps only whole positive stack positions of an error, in a known script", () => {
    expect(
      workerEventFromUntrusted({
        kind: "error",
        phase: "probe",
        name: "TypeError",
        message: "x is not a function",
        frames: [
          { script: "probe", line: 3, column: 7 },
          { script: "probe", line: "4", column: 1 },
          { script: "other", line: 2, column: 2 },
          { line: 0, column: 2 },
        ],
      }),
    ).toEqual({
      kind: "error",
      phase: "probe",
      name: "TypeError",
      message: "x is not a function",
      frames: [
        { script: "probe", line: 3, column: 7 },
        { script: "snippet", line: 2, column: 2 },
      ],
    });
  });

  test("caps the number of exports and the length of their names", () => {
    const entries = Array.from({ length: 500 }, (_, i) => [`n${i}`.padEnd(300, "x"), { kind: "null" }]);
    const event = workerEventFromUntrusted({ kind: "exports", entries });
    expect(event?.kind === "exports" && event.entries.length).toBe(200);
    expect(event?.kind === "exports" && event.entries[0]?.[0].length).toBe(200);
  });
});
