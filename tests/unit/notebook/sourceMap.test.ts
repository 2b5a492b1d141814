import { describe, expect, test } from "vitest";
import { decodeMappings, originalPositionFor, vlqDecode } from "../../../src/notebook/sourceMap";

describe("vlqDecode(text)", () => {
  test.each([
    ["A", [0]],
    ["C", [1]],
    ["D", [-1]],
    ["gB", [16]],
    ["AAgBC", [0, 0, 16, 1]],
    ["2HwcnB", [123, 456, -19]],
  ])("%s decodes to %j", (text, numbers) => {
    expect(vlqDecode(text)).toEqual(numbers);
  });

  test("a character outside base64 is named", () => {
    expect(() => vlqDecode("A*")).toThrow('"*" is not a base64 VLQ digit');
  });
});

describe("decodeMappings(mappings) and originalPositionFor(map, decoded, line, column)", () => {
  // Generated line 0: column 0 → source 0 line 0 col 0; column 4 → line 0 col 6.
  // Generated line 1 is unmapped; line 2: column 2 → source 1 line 3 col 1.
  const map = { sources: ["crux:snippet.ts", "crux:probe.ts"], mappings: "AAAA,IAAM;;ECGL" };
  const decoded = decodeMappings(map.mappings);

  test("sums the deltas across segments and lines", () => {
    expect(decoded).toEqual([
      [
        [0, 0, 0, 0],
        [4, 0, 0, 6],
      ],
      [],
      [[2, 1, 3, 1]],
    ]);
  });

  test.each([
    [0, 0, { source: "crux:snippet.ts", line: 0, column: 0 }],
    [0, 3, { source: "crux:snippet.ts", line: 0, column: 0 }],
    [0, 9, { source: "crux:snippet.ts", line: 0, column: 6 }],
    [2, 0, { source: "crux:probe.ts", line: 3, column: 1 }],
  ])("generated %i:%i comes from %j", (line, column, expected) => {
    expect(originalPositionFor(map, decoded, line, column)).toEqual(expected);
  });

  test("an unmapped or missing line has no original position", () => {
    expect(originalPositionFor(map, decoded, 1, 0)).toBeNull();
    expect(originalPositionFor(map, decoded, 7, 0)).toBeNull();
  });
});
