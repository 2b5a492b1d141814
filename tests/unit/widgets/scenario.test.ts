import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  checkChoice,
  checkNumber,
  checkValues,
  fallbackValues,
  mergeQuery,
  queryFromValues,
  rawValuesFromQuery,
  type NumberSpec,
  type Schema,
} from "../../../components/widgets/shared/scenario";

const tokens: NumberSpec = {
  kind: "number",
  label: "input tokens",
  min: 0,
  max: 1_000_000,
  whole: true,
  fallback: 9_350,
  unit: "tokens",
};

describe("checkNumber(raw, spec, source)", () => {
  test.each([
    ["a number in range", 42, 42],
    ["numeric text", " 1200 ", 1200],
    ["the minimum", "0", 0],
    ["the maximum", 1_000_000, 1_000_000],
  ])("keeps %s without a note", (_, raw, value) => {
    expect(checkNumber(raw, tokens, "link")).toEqual({ value });
  });

  test.each([
    ["text", "abc", 9_350, "The link's input tokens, “abc”, is not a number; using 9,350 tokens."],
    ["empty text", "", 9_350, "The link's input tokens, “”, is not a number; using 9,350 tokens."],
    [
      "NaN",
      Number.NaN,
      9_350,
      "The link's input tokens, “NaN”, is not a number; using 9,350 tokens.",
    ],
    [
      "Infinity",
      "Infinity",
      9_350,
      "The link's input tokens, “Infinity”, is not a number; using 9,350 tokens.",
    ],
    [
      "an object",
      { a: 1 },
      9_350,
      'The link\'s input tokens, “{"a":1}”, is not a number; using 9,350 tokens.',
    ],
    ["a negative", "-5", 0, "The link's input tokens, “-5”, is below 0 tokens; using 0 tokens."],
    [
      "too large",
      "2e6",
      1_000_000,
      "The link's input tokens, “2e6”, is above 1,000,000 tokens; using 1,000,000 tokens.",
    ],
    [
      "a fraction",
      "10.6",
      11,
      "The link's input tokens, “10.6”, must be a whole number; using 11 tokens.",
    ],
  ])("replaces %s and says so", (_, raw, value, note) => {
    expect(checkNumber(raw, tokens, "link")).toEqual({ value, note });
  });

  test("words the note for a snippet's value", () => {
    expect(checkNumber(-1, tokens, "snippet").note).toMatch(/^Your snippet's input tokens, “-1”/);
  });

  test("never returns NaN, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const { value } = checkNumber(raw, tokens, "link");
        return Number.isInteger(value) && value >= tokens.min && value <= tokens.max;
      }),
    );
  });
});

describe("checkChoice(raw, spec, source)", () => {
  const ttl = {
    kind: "choice",
    label: "cache lifetime",
    options: ["5m", "1h"],
    fallback: "5m",
  } as const;

  test("keeps a listed option", () => {
    expect(checkChoice("1h", ttl, "link")).toEqual({ value: "1h" });
  });

  test("falls back from an unlisted one, with a note", () => {
    expect(checkChoice("2h", ttl, "link")).toEqual({
      value: "5m",
      note: "The link's cache lifetime, “2h”, is not one of the options; using 5m.",
    });
  });
});

const schema = {
  model: { kind: "choice", label: "model", options: ["a", "b"], fallback: "a" },
  turns: { kind: "number", label: "turns", min: 1, max: 100, whole: true, fallback: 10 },
} as const satisfies Schema;

describe("checkValues(schema, raw, source)", () => {
  test("checks only the keys present and the schema's keys", () => {
    const checked = checkValues(schema, { turns: "500", other: "x" }, "link");
    expect(checked.values).toEqual({ turns: 100 });
    expect(checked.notes).toHaveLength(1);
  });
});

describe("link query helpers", () => {
  test("a scenario survives a round trip through its query", () => {
    fc.assert(
      fc.property(fc.constantFrom("a", "b"), fc.integer({ min: 1, max: 100 }), (model, turns) => {
        const query = queryFromValues(schema, { model, turns }, "w");
        const checked = checkValues(schema, rawValuesFromQuery(`?${query}`, "w"), "link");
        expect(checked).toEqual({ values: { model, turns }, notes: [] });
      }),
    );
  });

  test("rawValuesFromQuery reads only its own prefix", () => {
    expect(rawValuesFromQuery("?w.turns=3&x.turns=4&turns=5", "w")).toEqual({ turns: "3" });
  });

  test("mergeQuery replaces this widget's values and keeps the others'", () => {
    const merged = mergeQuery("?w.turns=3&x.turns=4", "w.turns=7&w.model=b", "w");
    expect(new URLSearchParams(merged).getAll("w.turns")).toEqual(["7"]);
    expect(new URLSearchParams(merged).get("x.turns")).toBe("4");
  });

  test("fallbackValues gives the schema's first state", () => {
    expect(fallbackValues(schema)).toEqual({ model: "a", turns: 10 });
  });
});
