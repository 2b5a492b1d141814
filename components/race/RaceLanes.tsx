import { scaleLinear } from "d3-scale";
import { useChartWidth } from "../widgets/shared/chart";
import type { RaceEvent } from "cost";
import { timeAxis, type LaneView, type Mark, type Phase } from "./frames";

export interface RaceLanesProps {
  lanes: readonly LaneView[];
  /** The whole race's events, which place the moments on the axis. */
  trace: readonly RaceEvent[];
  /** Virtual ms of the frame shown. */
  time: number;
  /** Says in words what the lanes show, for screen readers. */
  label: string;
}

const MARGIN = { top: 8, right: 16, bottom: 40, left: 40 };

/** Row height in pixels: roomy for a few lanes, thin for a hundred. */
function rowHeight(count: number): number {
  if (count <= 12) return 22;
  if (count <= 40) return 10;
  return 5;
}

/** The phases in the legend, in the order a request meets them. */
export const PHASES: readonly { phase: Phase; label: string }[] = [
  { phase: "read", label: "Read spend" },
  { phase: "reserve", label: "Reserve" },
  { phase: "call", label: "Call the model" },
  { phase: "record", label: "Record the cost" },
  { phase: "release", label: "Release" },
];

/** Whether lane `request` gets a name: all of a few, every fifth of many. */
function named(request: number, row: number): boolean {
  if (row >= 14) return true;
  const every = row >= 10 ? 5 : 10;
  return request === 0 || (request + 1) % every === 0;
}

/**
 * One lane per request along virtual time, with marks where a request
 * checked, was refused or ended. The axis gives each moment something
 * happened its own room (see timeAxis), so the milliseconds of store calls
 * stay visible beside seconds-long model calls; the ticks keep true times.
 */
export function RaceLanes({ lanes, trace, time, label }: RaceLanesProps) {
  const [box, width] = useChartWidth();
  const row = rowHeight(lanes.length);
  const height = MARGIN.top + lanes.length * row + MARGIN.bottom;
  const axis = timeAxis(trace);
  const left = MARGIN.left;
  const span = width - MARGIN.right - left;
  const x = scaleLinear()
    .domain(axis.times)
    .range(axis.fractions.map((fraction) => left + fraction * span));
  const bottom = height - MARGIN.bottom;

  return (
    <div className="race-lanes-box" ref={box} style={{ height }}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        {lanes.map((lane, i) => {
          const y = MARGIN.top + i * row;
          return (
            <g key={lane.request} className="race-lane" data-active={lane.active ?? undefined}>
              {named(lane.request, row) ? (
                <text
                  className="race-lane-name"
                  x={MARGIN.left - 8}
                  y={y + row / 2}
                  dy="0.32em"
                  textAnchor="end"
                >
                  {`#${lane.request + 1}`}
                </text>
              ) : null}
              {lane.segments.map((segment) => (
                <rect
                  key={segment.fromSeq}
                  className={`race-segment race-${segment.phase}`}
                  x={x(segment.from)}
                  y={y + 2}
                  width={Math.max(2, x(segment.to) - x(segment.from))}
                  height={Math.max(2, row - 4)}
                />
              ))}
              {lane.marks.map((mark) => (
                <MarkGlyph
                  key={mark.seq}
                  mark={mark}
                  cx={x(mark.time)}
                  cy={y + row / 2}
                  size={row}
                />
              ))}
            </g>
          );
        })}
        <line className="race-playhead" x1={x(time)} x2={x(time)} y1={MARGIN.top - 4} y2={bottom} />
        <g className="chart-axis" transform={`translate(0,${bottom})`}>
          {spaced(x.ticks(8), x, 44).map((tick) => (
            <g key={tick} transform={`translate(${x(tick)},0)`}>
              <line y2={5} />
              <text y={18} textAnchor="middle">
                {tick.toLocaleString("en-US")}
              </text>
            </g>
          ))}
          <text className="chart-axis-title" x={left + span / 2} y={34} textAnchor="middle">
            Virtual time (ms)
          </text>
        </g>
      </svg>
    </div>
  );
}

/** The ticks at least `gap` pixels from the last one kept, first first. */
function spaced(ticks: number[], x: (tick: number) => number, gap: number): number[] {
  const kept: number[] = [];
  for (const tick of ticks) {
    const last = kept.at(-1);
    if (last === undefined || x(tick) - x(last) >= gap) kept.push(tick);
  }
  return kept;
}

function MarkGlyph({ mark, cx, cy, size }: { mark: Mark; cx: number; cy: number; size: number }) {
  const r = Math.max(2, Math.min(6, size / 3));
  const className = `race-mark race-mark-${mark.kind}`;
  if (mark.kind === "check-ok" || mark.kind === "done") {
    return <circle className={className} cx={cx} cy={cy} r={r} />;
  }
  // A cross: refused, failed, stopped or stalled.
  return (
    <path
      className={className}
      d={`M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`}
    />
  );
}
