import { useEffect, useRef, useState, type RefObject } from "react";
import type { ScaleLinear } from "d3-scale";
import "./widgets.css";

/** The width a chart is drawn at before its real width is known. */
export const CHART_FALLBACK_WIDTH = 560;

/** Space around a chart's plot for axes and their labels, in pixels. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The rendered width of a chart's box, in pixels. The server and the first
 * render in the browser use CHART_FALLBACK_WIDTH (the SVG scales it to fit);
 * after mounting, the chart is redrawn at its real width. The box's height
 * is fixed in CSS, so the redraw moves nothing around it.
 */
export function useChartWidth(): [RefObject<HTMLDivElement | null>, number] {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(CHART_FALLBACK_WIDTH);

  useEffect(function followBoxWidth() {
    const element = box.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const measure = () => {
      const measured = Math.round(element.getBoundingClientRect().width);
      if (measured > 0) setWidth(measured);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return [box, width];
}

/** d3's tick labels, with a bare "0" where an SI prefix would say "0M". */
function tickLabels(
  scale: ScaleLinear<number, number>,
  ticks: number,
  format: string,
): (tick: number) => string {
  const label = scale.tickFormat(ticks, format);
  return (tick) => (tick === 0 && format.endsWith("s") ? "0" : label(tick));
}

/** About one tick per `spacing` pixels, at least two. */
export function tickCount(pixels: number, spacing: number): number {
  return Math.max(2, Math.floor(pixels / spacing));
}

interface AxisProps {
  scale: ScaleLinear<number, number>;
  /** Where the axis line sits: y for a bottom axis, x for a side axis. */
  at: number;
  ticks: number;
  /** A d3-format specifier for the tick labels: "~s", "$,~f", "~%". */
  format: string;
  /** Keep only the ticks this accepts (whole turns, say). */
  filter?: (tick: number) => boolean;
  /** The axis title, with its unit. */
  title: string;
}

/** A horizontal axis under the plot, with d3's ticks and tick format. */
export function AxisBottom({ scale, at, ticks, format, title, filter }: AxisProps) {
  const label = tickLabels(scale, ticks, format);
  const [start, end] = scale.range() as [number, number];
  return (
    <g className="chart-axis" transform={`translate(0,${at})`}>
      <line x1={start} x2={end} />
      {scale
        .ticks(ticks)
        .filter(filter ?? (() => true))
        .map((tick) => (
          <g key={tick} transform={`translate(${scale(tick)},0)`}>
            <line y2={5} />
            <text y={18} textAnchor="middle">
              {label(tick)}
            </text>
          </g>
        ))}
      <text className="chart-axis-title" x={(start + end) / 2} y={36} textAnchor="middle">
        {title}
      </text>
    </g>
  );
}

/** A vertical axis on the left or right of the plot, with gridlines. */
export function AxisSide({
  scale,
  at,
  ticks,
  format,
  title,
  side,
  gridTo,
  titleAt,
  filter,
}: AxisProps & {
  side: "left" | "right";
  /** Draw gridlines across the plot to this x. */
  gridTo?: number;
  /** The x of the title's outer end: the chart's left or right edge. */
  titleAt: number;
}) {
  const label = tickLabels(scale, ticks, format);
  const [bottom, top] = scale.range() as [number, number];
  const outward = side === "left" ? -1 : 1;
  return (
    <g className="chart-axis" transform={`translate(${at},0)`}>
      <line y1={bottom} y2={top} />
      {scale
        .ticks(ticks)
        .filter(filter ?? (() => true))
        .map((tick) => (
          <g key={tick} transform={`translate(0,${scale(tick)})`}>
            {gridTo !== undefined ? <line className="chart-grid" x2={gridTo - at} /> : null}
            <line x2={5 * outward} />
            <text x={8 * outward} dy="0.32em" textAnchor={side === "left" ? "end" : "start"}>
              {label(tick)}
            </text>
          </g>
        ))}
      <text
        className="chart-axis-title"
        x={titleAt - at}
        y={top - 12}
        textAnchor={side === "left" ? "start" : "end"}
      >
        {title}
      </text>
    </g>
  );
}

interface ChartLabelProps {
  x: number;
  /** The text's baseline. */
  y: number;
  anchor?: "start" | "middle" | "end";
  className?: string;
  children: string;
}

// An estimate of 12-pixel text's width: enough for the backing box.
const CHARACTER_WIDTH = 6.8; // pixels

/**
 * A label drawn over the chart's lines on a box of the page's background,
 * so it stays readable (and checkers see its real contrast) where a line
 * passes behind it.
 */
export function ChartLabel({ x, y, anchor = "start", className, children }: ChartLabelProps) {
  const width = children.length * CHARACTER_WIDTH + 6;
  const shift = { start: -3, middle: -width / 2, end: 3 - width }[anchor];
  return (
    <g className={`chart-label ${className ?? ""}`}>
      <rect x={x + shift} y={y - 12} width={width} height={16} rx={2} />
      <text x={x} y={y} textAnchor={anchor}>
        {children}
      </text>
    </g>
  );
}
