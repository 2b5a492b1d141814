import { scaleSymlog } from "d3-scale";

/** Slider positions of a log-scaled slider: one arrow key moves one. */
export const LOG_SLIDER_POSITIONS = 200;

/** Maps a value to a slider position and back. */
export interface SliderScale {
  /** The slider's own min, max and step. */
  readonly min: number;
  readonly max: number;
  readonly step: number;
  positionOf(value: number): number;
  valueAt(position: number): number;
}

/** Rounds to three significant digits, so log steps land on tidy values. */
function tidy(value: number): number {
  if (value === 0) return 0;
  const digits = Math.floor(Math.log10(Math.abs(value))) + 1;
  const unit = 10 ** (digits - 3);
  return unit >= 1 ? Math.round(value / unit) * unit : Number(value.toPrecision(3));
}

/** A slider whose positions are the values themselves, `step` apart. */
export function linearSlider(min: number, max: number, step: number): SliderScale {
  return {
    min,
    max,
    step,
    positionOf: (value) => Math.min(max, Math.max(min, value)),
    valueAt: (position) => position,
  };
}

/**
 * A slider for values spanning several orders of magnitude (token counts
 * from 100 to 1,000,000): positions follow d3's symmetric log scale, so
 * each arrow key moves the value by a similar share, and values are rounded
 * to three significant digits (whole numbers when `whole`). Positions give
 * increasing values, so an arrow key always changes the value, even from a
 * typed value between two positions.
 */
export function logSlider(min: number, max: number, whole: boolean): SliderScale {
  // The symlog constant sets where the scale turns from linear to log.
  const scale = scaleSymlog()
    .constant(Math.max(1, max / 2_000))
    .domain([min, max])
    .range([0, LOG_SLIDER_POSITIONS]);

  const values = [min];
  for (let position = 1; position < LOG_SLIDER_POSITIONS; position++) {
    const previous = values[position - 1] ?? min;
    const tidied = tidy(scale.invert(position));
    const candidate = whole ? Math.round(tidied) : tidied;
    const least = whole ? previous + 1 : previous;
    values.push(Math.min(max, Math.max(candidate, least)));
  }
  values.push(max);

  /** The last position whose value is at most `value`. */
  function positionOf(value: number): number {
    let position = 0;
    while (position < LOG_SLIDER_POSITIONS && (values[position + 1] ?? max) <= value) {
      position++;
    }
    return position;
  }

  return {
    min: 0,
    max: LOG_SLIDER_POSITIONS,
    step: 1,
    positionOf,
    valueAt: (position) => values[Math.min(LOG_SLIDER_POSITIONS, Math.max(0, position))] ?? max,
  };
}
