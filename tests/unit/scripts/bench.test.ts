import { describe, expect, test } from "vitest";
import { markdownTable, replaceBenchBlock } from "../../../scripts/bench.mjs";

const results = [
  { name: "build", rows: [{ figure: "astro build", value: "40.1 s" }] },
  {
    name: "pages",
    rows: [
      { figure: "a | b: JS", value: "70.0 KiB", target: "< 80 KiB", pass: true },
      { figure: "c: Lighthouse performance", value: "90", target: ">= 95", pass: false },
    ],
  },
];

describe("markdownTable(results, when)", () => {
  test("one row per figure, pipes escaped, a missed target says MISSED", () => {
    const table = markdownTable(results, new Date("2026-12-04T03:00:00Z"));
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^Measured 2026-12-04 03:00 UTC \(\d+ cores, load [\d.]+, Node v/);
    expect(lines.slice(2)).toEqual([
      "| section | figure | value | target | result |",
      "| --- | --- | --- | --- | --- |",
      "| build | astro build | 40.1 s |  |  |",
      "| pages | a \\| b: JS | 70.0 KiB | < 80 KiB | ok |",
      "| pages | c: Lighthouse performance | 90 | >= 95 | MISSED |",
    ]);
  });
});

describe("replaceBenchBlock(readme, table)", () => {
  test("replaces only the text between the markers", () => {
    const readme = "# Crux\n<!-- bench:start -->\nold\n<!-- bench:end -->\nafter\n";
    expect(replaceBenchBlock(readme, "| new |")).toBe(
      "# Crux\n<!-- bench:start -->\n\n| new |\n\n<!-- bench:end -->\nafter\n",
    );
  });

  test("a README without the markers is an error that names them", () => {
    expect(() => replaceBenchBlock("# Crux\n", "x")).toThrow(/bench:start.*bench:end/);
  });
});
