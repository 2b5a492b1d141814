// The public face of "cost": the names DESIGN.md promises, and the rules
// every file of the pure module keeps (no I/O, no console, no imports from
// outside src/cost, 80 columns).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as cost from "cost";

const contract = [
  "models",
  "modelIds",
  "getModel",
  "costOf",
  "costOfNanos",
  "costBreakdown",
  "normalizeUsage",
  "sessionCost",
  "cascadeCost",
  "cascadeBreakEven",
  "cheapCost",
  "strongCost",
  "prefixCost",
  "cacheSavings",
  "formatUsd",
  "formatTokens",
  "formatPercent",
  "usdFromNanos",
  "nanosFromUsd",
  "sumUsd",
  "CostInputError",
];

describe('import * from "cost"', () => {
  it.each(contract)("exports %s", (name) => {
    expect(cost).toHaveProperty(name);
  });

  it("keeps the modules' shared checks out of the public API", () => {
    for (const name of ["checkTokens", "checkWhole", "closest", "ratesNanos", "decimalOf"]) {
      expect(cost).not.toHaveProperty(name);
    }
  });
});

// The files of the pure cost module written to these rules; the budget
// simulator's files are checked by their own tests.
const files = [
  "money",
  "errors",
  "models",
  "costOf",
  "session",
  "cascade",
  "cache",
  "format",
  "index",
];

describe.each(files)("src/cost/%s.ts", (name) => {
  const source = readFileSync(new URL(`../../../src/cost/${name}.ts`, import.meta.url), "utf8");

  it("imports only sibling files, without extensions", () => {
    const specifiers = [...source.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]);
    for (const specifier of specifiers) expect(specifier).toMatch(/^\.\/[A-Za-z]+$/);
  });

  it("uses no console, DOM or I/O", () => {
    expect(source).not.toMatch(/\bconsole\./);
    expect(source).not.toMatch(/\b(document|window|localStorage|fetch|process)\b[.(]/);
  });

  it("keeps lines within 80 columns", () => {
    const long = source.split("\n").filter((line) => line.length > 80);
    expect(long).toEqual([]);
  });
});
