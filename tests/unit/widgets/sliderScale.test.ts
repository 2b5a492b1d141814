import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  LOG_SLIDER_POSITIONS,
  linearSlider,
  logSlider,
} from "../../../components/widgets/shared/sliderScale";

describe("logSlider(min, max, whole)", () => {
  const ranges = fc.constantFrom(1_000_000, 200_000, 20_000, 8_000, 10_000_000);

  test("runs from min to max with increasing whole values", () => {
    fc.assert(
      fc.property(ranges, (max) => {
        const slider = logSlider(0, max, true);
        let previous = -1;
        for (let position = 0; position <= LOG_SLIDER_POSITIONS; position++) {
          const value = slider.valueAt(position);
          expect(Number.isInteger(value)).toBe(true);
          expect(value).toBeGreaterThan(previous);
          previous = value;
        }
        expect(slider.valueAt(0)).toBe(0);
        expect(slider.valueAt(LOG_SLIDER_POSITIONS)).toBe(max);
      }),
    );
  });

  test("an arrow key from any typed value moves to a larger or smaller value", () => {
    fc.assert(
      fc.property(ranges, fc.double({ min: 0, max: 1, noNaN: true }), (max, share) => {
        const slider = logSlider(0, max, true);
        const value = Math.round(share * max);
        const position = slider.positionOf(value);
        expect(slider.valueAt(position)).toBeLessThanOrEqual(value);
        if (position < LOG_SLIDER_POSITIONS) {
          expect(slider.valueAt(position + 1)).toBeGreaterThan(value);
        }
      }),
    );
  });

  test("each position maps back to itself", () => {
    const slider = logSlider(0, 1_000_000, true);
    for (let position = 0; position <= LOG_SLIDER_POSITIONS; position++) {
      expect(slider.positionOf(slider.valueAt(position))).toBe(position);
    }
  });
});

describe("linearSlider(min, max, step)", () => {
  test("positions are the values, clamped to the range", () => {
    const slider = linearSlider(1, 100, 1);
    expect(slider.positionOf(40)).toBe(40);
    expect(slider.positionOf(400)).toBe(100);
    expect(slider.valueAt(7)).toBe(7);
  });
});
