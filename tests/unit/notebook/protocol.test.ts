import { describe, expect, test } from "vitest";
import {
  eventFromWire,
  eventToWire,
  frameMessageFromUntrusted,
  MAX_ARGS,
  MAX_EVENT_CHARS,
  shownCost,
  stringCost,
  workerEventFromUntrusted,
  type WorkerEvent,
} from "../../../src/notebook/protocol";

describe("frameMessageFromUntrusted(data)", () => {
  test.each([
    ["ready", { type: "crux:ready" }, { type: "crux:ready" }],
    [
      "an end",
      { type: "crux:end", runId: 3, status: "timeout" },
      { type: "crux:end", runId: 3, status: "timeout" },
    ],
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
      workerEventFromUntrusted({
        kind: "console",
        level: "innerHTML",
        args: [{ kind: "null" }, "raw"],
      }),
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
    const entries = Array.from({ length: 500 }, (_, i) => [
      `n${i}`.padEnd(300, "x"),
      { kind: "null" },
    ]);
    const event = workerEventFromUntrusted({ kind: "exports", entries });
    expect(event?.kind === "exports" && event.entries.length).toBe(200);
    expect(event?.kind === "exports" && event.entries[0]?.[0].length).toBe(200);
  });
});

describe("eventToWire(event) and eventFromWire(text)", () => {
  test("an event survives the trip as JSON text, odd numbers included", () => {
    const event: WorkerEvent = {
      kind: "console",
      level: "log",
      args: [
        { kind: "number", value: NaN },
        { kind: "number", value: -0 },
        { kind: "number", value: Infinity },
        { kind: "string", value: "$number", omitted: 0 },
      ],
    };
    const text = eventToWire(event);
    expect(typeof text).toBe("string");
    expect(frameMessageFromUntrusted({ type: "crux:event", runId: 2, event: text })).toEqual({
      type: "crux:event",
      runId: 2,
      event,
    });
  });

  test.each([
    ["text that is not JSON", "{ kind: console"],
    ["text past the limit", `"${"x".repeat(MAX_EVENT_CHARS)}"`],
  ])("%s is refused", (_, text) => {
    expect(eventFromWire(text)).toBeNull();
    expect(frameMessageFromUntrusted({ type: "crux:event", runId: 1, event: text })).toBeNull();
  });
});

describe("shownCost(shown) and stringCost(text)", () => {
  test("a tree weighs one node per node, a string one more per 100 characters", () => {
    expect(stringCost("")).toBe(1);
    expect(stringCost("x".repeat(99))).toBe(1);
    expect(stringCost("x".repeat(250))).toBe(3);
    expect(
      shownCost({
        kind: "object",
        className: "",
        omitted: 0,
        entries: [
          [
            "a",
            { kind: "array", items: [{ kind: "null" }, { kind: "number", value: 1 }], length: 2 },
          ],
          ["b", { kind: "string", value: "x".repeat(100), omitted: 0 }],
        ],
      }),
    ).toBe(1 + 3 + 2);
    expect(
      shownCost({ kind: "map", size: 1, entries: [[{ kind: "null" }, { kind: "null" }]] }),
    ).toBe(3);
  });
});

describe("the new worker events", () => {
  test("left-out and pending counts are read as whole numbers, or zero", () => {
    expect(
      workerEventFromUntrusted({ kind: "left-out", consoleLines: 3, exports: -1, reports: "9" }),
    ).toEqual({ kind: "left-out", consoleLines: 3, exports: 0, reports: 0 });
    expect(workerEventFromUntrusted({ kind: "pending", timers: 2, graceMs: 500 })).toEqual({
      kind: "pending",
      timers: 2,
      graceMs: 500,
    });
  });

  test("a rejection keeps its phase; console arguments are capped", () => {
    const error = workerEventFromUntrusted({
      kind: "error",
      phase: "rejection",
      name: "",
      message: "x",
      frames: [],
    });
    expect(error).toMatchObject({ phase: "rejection" });
    const args = Array.from({ length: 100 }, () => ({ kind: "null" }));
    const event = workerEventFromUntrusted({ kind: "console", level: "log", args });
    expect(event?.kind === "console" && event.args.length).toBe(MAX_ARGS);
  });
});
