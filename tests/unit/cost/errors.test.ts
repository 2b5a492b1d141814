import { describe, expect, it } from "vitest";
import { CostInputError } from "cost";
import {
  checkFraction,
  checkKnownKeys,
  checkOneOf,
  checkTokens,
  checkWhole,
  closest,
  describe as describeValue,
} from "../../../src/cost/errors";

function thrown(action: () => unknown): CostInputError {
  try {
    action();
  } catch (error) {
    if (error instanceof CostInputError) return error;
    throw error;
  }
  throw new Error("expected a CostInputError");
}

describe("new CostInputError(field, received, expected, hint?)", () => {
  it("words the message as field, what is valid, and what was received", () => {
    const error = new CostInputError("usage.input_tokens", -3, "a whole number of tokens ≥ 0");
    expect(error.message).toBe(
      "usage.input_tokens must be a whole number of tokens ≥ 0, received -3",
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("CostInputError");
    expect(error.field).toBe("usage.input_tokens");
    expect(error.received).toBe(-3);
    expect(error.expected).toBe("a whole number of tokens ≥ 0");
  });

  it("appends a hint as its own sentence", () => {
    const error = new CostInputError("model", "gpt4o", "a model id", 'Did you mean "gpt-4o"?');
    expect(error.message).toBe(
      'model must be a model id, received "gpt4o". Did you mean "gpt-4o"?',
    );
  });
});

describe("describe(value)", () => {
  it.each([
    ["text", '"text"'],
    [5n, "5n"],
    [NaN, "NaN"],
    [undefined, "undefined"],
    [null, "null"],
    [[1, 2], "an array of 2"],
    [{}, "an empty object"],
    [{ a: 1, b: 2 }, "an object with a, b"],
    [{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }, "an object with a, b, c, d, e, f, …"],
  ])("renders %o as %s", (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe("checkTokens(value, field, max?)", () => {
  it.each([0, 1, 200_000, Number.MAX_SAFE_INTEGER])("accepts %s", (value) => {
    expect(checkTokens(value, "n")).toBe(value);
  });

  it.each([-3, 1.5, NaN, Infinity, "12", null, undefined, 2 ** 53, 12n])(
    "rejects %s naming the field",
    (value) => {
      const error = thrown(() => checkTokens(value, "usage.output_tokens"));
      expect(error.field).toBe("usage.output_tokens");
      expect(error.message).toMatch(
        /^usage\.output_tokens must be a whole number of tokens ≥ 0, received /,
      );
    },
  );

  it("states an upper bound when there is one", () => {
    expect(() => checkTokens(20_000_000, "options.prefixTokens", 10_000_000)).toThrow(
      "options.prefixTokens must be a whole number of tokens from 0 to 10,000,000, received 20000000",
    );
  });
});

describe("checkWhole(value, field, range)", () => {
  it("words the range with grouped digits", () => {
    const range = { unit: "turns", min: 1, max: 10_000 };
    expect(checkWhole(10_000, "turns", range)).toBe(10_000);
    expect(() => checkWhole(0, "options.turns", range)).toThrow(
      "options.turns must be a whole number of turns from 1 to 10,000, received 0",
    );
  });
});

describe("checkFraction(value, field)", () => {
  it.each([0, 0.5, 1])("accepts %s", (value) => {
    expect(checkFraction(value, "p")).toBe(value);
  });

  it.each([-0.1, 1.01, NaN, "0.5"])("rejects %s", (value) => {
    expect(() => checkFraction(value, "escalationRate")).toThrow(
      /^escalationRate must be a number from 0 to 1, received/,
    );
  });
});

describe("checkOneOf(value, field, allowed)", () => {
  it("lists the allowed values", () => {
    expect(checkOneOf("1h", "ttl", ["5m", "1h"])).toBe("1h");
    expect(() => checkOneOf("10m", "options.ttl", ["5m", "1h"])).toThrow(
      'options.ttl must be one of "5m", "1h", received "10m"',
    );
  });
});

describe("checkKnownKeys(options, field, known)", () => {
  it("suggests the nearest option for a misspelt one", () => {
    const error = thrown(() => checkKnownKeys({ cahce: "prefix" }, "options", ["cache", "ttl"]));
    expect(error.field).toBe("options.cahce");
    expect(error.message).toContain('Did you mean "cache"?');
  });

  it("lists the options when nothing is near", () => {
    const error = thrown(() => checkKnownKeys({ zzzzzz: 1 }, "options", ["cache", "ttl"]));
    expect(error.message).toContain("The options are cache, ttl.");
  });

  it("accepts known keys", () => {
    expect(() => checkKnownKeys({ ttl: "5m" }, "options", ["cache", "ttl"])).not.toThrow();
  });
});

describe("closest(word, candidates, count?)", () => {
  const ids = ["gpt-4o", "gpt-4o-mini", "gpt-5", "claude-sonnet-4.5", "claude-sonnet-4"];

  it("ranks by edit distance, ignoring case", () => {
    expect(closest("GPT4o", ids, 2)).toEqual(["gpt-4o", "gpt-5"]);
    expect(closest("claude-sonet-4.5", ids, 1)).toEqual(["claude-sonnet-4.5"]);
  });

  it("leaves out candidates that share little with the word", () => {
    expect(closest("llama-3", ids)).toEqual([]);
  });
});
