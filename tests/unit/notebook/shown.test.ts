import { describe, expect, test } from "vitest";
import { describeValue } from "../../../src/notebook/sandbox/describe";
import {
  MAX_SHOWN_STRING,
  sandboxValueFromShown,
  shownFromUntrusted,
  type Shown,
} from "../../../src/notebook/shown";

class Tenant {
  constructor(public id: string) {}
}

describe("describeValue(value)", () => {
  test.each<[string, unknown, Shown]>([
    ["undefined", undefined, { kind: "undefined" }],
    ["null", null, { kind: "null" }],
    ["a number", 0.048, { kind: "number", value: 0.048 }],
    ["NaN", Number.NaN, { kind: "number", value: Number.NaN }],
    ["a bigint past 2^53", 2n ** 64n, { kind: "bigint", value: "18446744073709551616" }],
    ["a string", "usd", { kind: "string", value: "usd", omitted: 0 }],
    ["a symbol", Symbol("tenant"), { kind: "symbol", description: "tenant" }],
    ["a function", function costOf() {}, { kind: "function", name: "costOf" }],
    ["a date", new Date(Date.UTC(2026, 0, 2)), { kind: "date", iso: "2026-01-02T00:00:00.000Z" }],
    [
      "an error",
      new RangeError("too big"),
      { kind: "error", name: "RangeError", message: "too big" },
    ],
    [
      "a class instance",
      new Tenant("acme"),
      {
        kind: "object",
        className: "Tenant",
        entries: [["id", { kind: "string", value: "acme", omitted: 0 }]],
        omitted: 0,
      },
    ],
    [
      "a map",
      new Map([["a", 1]]),
      {
        kind: "map",
        entries: [
          [
            { kind: "string", value: "a", omitted: 0 },
            { kind: "number", value: 1 },
          ],
        ],
        size: 1,
      },
    ],
    ["a set", new Set([true]), { kind: "set", items: [{ kind: "boolean", value: true }], size: 1 }],
  ])("shows %s", (_, value, shown) => {
    expect(describeValue(value)).toEqual(shown);
  });

  test("marks a cycle instead of following it", () => {
    const session: Record<string, unknown> = { turns: 3 };
    session.self = session;
    expect(describeValue(session)).toEqual({
      kind: "object",
      className: "",
      entries: [
        ["turns", { kind: "number", value: 3 }],
        ["self", { kind: "circular" }],
      ],
      omitted: 0,
    });
  });

  test("shows a getter that throws as the error, and goes on", () => {
    const tricky = {
      get broken(): never {
        throw new Error("no");
      },
      fine: 1,
    };
    const shown = describeValue(tricky);
    expect(shown).toMatchObject({
      kind: "object",
      entries: [
        ["broken", { kind: "error", message: "could not be read: no" }],
        ["fine", { kind: "number", value: 1 }],
      ],
    });
  });

  test("cuts long strings and big arrays to the node budget, keeping their true size", () => {
    const long = describeValue("x".repeat(MAX_SHOWN_STRING + 5));
    expect(long).toMatchObject({ kind: "string", omitted: 5 });
    const big = describeValue(
      Array.from({ length: 1000 }, (_, i) => i),
      { nodes: 100 },
    );
    expect(big.kind === "array" && big.items.length).toBe(99);
    expect(big).toMatchObject({ kind: "array", length: 1000 });
  });

  test("survives structured cloning and the page's rebuild unchanged", () => {
    const value = { rows: [{ model: "gpt-5", usd: 0.01 }], at: new Date(0), total: 12n };
    const shown = describeValue(value);
    expect(shownFromUntrusted(structuredClone(shown))).toEqual(shown);
  });
});

describe("shownFromUntrusted(data)", () => {
  test.each([
    ["not an object", 42],
    ["no kind", { value: 1 }],
    ["an unknown kind", { kind: "script", src: "x" }],
  ])("turns %s into undefined", (_, data) => {
    expect(shownFromUntrusted(data)).toEqual({ kind: "undefined" });
  });

  test("keeps only the fields of each kind, with their types", () => {
    expect(shownFromUntrusted({ kind: "string", value: 5, omitted: -1, extra: "<b>" })).toEqual({
      kind: "string",
      value: "",
      omitted: 0,
    });
    expect(shownFromUntrusted({ kind: "bigint", value: "12; alert(1)" })).toEqual({
      kind: "bigint",
      value: "0",
    });
  });

  test("stops at the depth limit instead of recursing without end", () => {
    let deep: unknown = { kind: "null" };
    for (let i = 0; i < 1000; i++) deep = { kind: "array", items: [deep], length: 1 };
    const rebuilt = JSON.stringify(shownFromUntrusted(deep));
    expect(rebuilt).toContain('"deep"');
    expect(rebuilt.length).toBeLessThan(2000);
  });
});

describe("sandboxValueFromShown(shown)", () => {
  test("gives widgets plain data", () => {
    const shown = describeValue({
      spent: 2n ** 10n,
      huge: 2n ** 70n,
      when: new Date(0),
      callModel: async function callModel() {},
      byTenant: new Map([["acme", 3]]),
      tags: new Set(["a"]),
    });
    expect(sandboxValueFromShown(shown)).toEqual({
      spent: 1024,
      huge: "1180591620717411303424",
      when: "1970-01-01T00:00:00.000Z",
      callModel: { kind: "function", name: "callModel" },
      byTenant: { acme: 3 },
      tags: ["a"],
    });
  });
});
