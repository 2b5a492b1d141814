import { describe, expect, test } from "vitest";
import { describeValue } from "../../../src/notebook/sandbox/describe";
import { bigintText, numberText, previewText, tableOf } from "../../../src/notebook/present";

describe("numberText(value)", () => {
  test.each([
    [1920, "1,920"],
    [40_000, "40,000"],
    [0.048, "0.048"],
    [1234.56789, "1,234.5679"],
    [0.010500000000000001, "0.0105"],
    [3e-9, "3E-9"],
    [1e21, "1E21"],
    [-0, "-0"],
    [Number.NaN, "NaN"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ])("%d reads %s", (value, text) => {
    expect(numberText(value)).toBe(text);
  });

  test("bigints are grouped and keep their n", () => {
    expect(bigintText("-1234567")).toBe("-1,234,567n");
  });
});

describe("previewText(shown)", () => {
  test("fits an object on one line and elides the rest", () => {
    const shown = describeValue({ model: "gpt-4o", usage: { input_tokens: 5 }, tags: [1, 2] });
    expect(previewText(shown)).toBe('{ model: "gpt-4o", usage: {…}, tags: Array(2) }');
    expect(previewText(shown, 20)).toBe('{ model: "gpt-4o", … }');
  });
});

describe("tableOf(shown)", () => {
  test("reads an array of plain objects as rows under the union of their keys", () => {
    const table = tableOf(describeValue([{ model: "a", usd: 1 }, { model: "b", tokens: 2 }]));
    expect(table?.columns).toEqual(["model", "usd", "tokens"]);
    expect(table?.rows[1]?.[1]).toBeUndefined();
    expect(table?.rows[1]?.[2]).toEqual({ kind: "number", value: 2 });
  });

  test.each([
    ["an empty array", []],
    ["an array of numbers", [1, 2]],
    ["a mixed array", [{ a: 1 }, 2]],
    ["an object", { a: 1 }],
  ])("is null for %s", (_, value) => {
    expect(tableOf(describeValue(value))).toBeNull();
  });
});
