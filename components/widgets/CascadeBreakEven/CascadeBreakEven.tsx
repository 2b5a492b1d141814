import { useId, useState } from "react";
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { formatPercent, formatUsd, usdFromNanos } from "cost";
import type { SandboxValue } from "../../../src/notebook/store";
import { checkNumber, type NumberSpec } from "../shared/scenario";
import { AxisBottom, AxisSide, ChartLabel, tickCount, useChartWidth } from "../shared/chart";
import { ModelSelect } from "../shared/ModelSelect";
import { NumberField } from "../shared/NumberField";
import { WidgetFrame } from "../shared/WidgetFrame";
import { objectExport } from "../shared/snippetExports";
import { useSnippetProbe, useSnippetRuns } from "../shared/useSnippet";
import { useScenario } from "../shared/useScenario";
import {
  cascadeFigures,
  cascadeSchema,
  COST_PER_JOB_PROBE,
  fractionOfPercent,
  readerLineOf,
  SAMPLE_RATES,
  type CascadeFigures,
  type CascadeValues,
  type RatePoint,
  type ReaderLine,
} from "./breakEven";
import "./CascadeBreakEven.css";

export interface CascadeBreakEvenProps {
  /** Element id and link prefix; change it to put two on one page. */
  id?: string;
  /** Starting values, checked like a link's: keys of the scenario. */
  initial?: Partial<CascadeValues>;
  /**
   * The snippet whose exports redraw the chart: `cascade` (cheap, strong,
   * inputTokens, outputTokens), `escalationRate` (0 to 1) and
   * `costPerJob(rate)`, a function of the rate drawn as its own line.
   */
  snippet?: string;
}

const PROBE_INPUT = { rates: [...SAMPLE_RATES] };

// The snippet states the rate as the cost module does, a fraction.
const RATE_SPEC: NumberSpec = {
  kind: "number",
  label: "escalationRate",
  min: 0,
  max: 1,
  whole: false,
  fallback: cascadeSchema.escalationPercent.fallback / 100,
};

/**
 * The snippet's `cascade` export (the cost module's cascade options) and
 * its `escalationRate` (checked as a fraction from 0 to 1) as the
 * widget's raw values, with a note if the rate had to change.
 */
function rawOfExports(
  cascade: Record<string, SandboxValue> | undefined,
  escalationRate: SandboxValue | undefined,
): { raw: Record<string, unknown>; notes: string[] } {
  const raw: Record<string, unknown> = { ...cascade };
  if (escalationRate === undefined) return { raw, notes: [] };
  const rate = checkNumber(escalationRate, RATE_SPEC, "snippet");
  raw.escalationPercent = Number((rate.value * 100).toPrecision(12));
  return { raw, notes: rate.note ? [rate.note] : [] };
}

/**
 * Cascade break-even: expected cost per job against the escalation rate,
 * beside sending every job to the strong model, with the break-even rate
 * and the much lower rate where escalation is already a quality alarm.
 */
export default function CascadeBreakEven(props: CascadeBreakEvenProps) {
  const { id = "cascade", initial, snippet } = props;
  const scenario = useScenario(cascadeSchema, id, initial);
  const [readerLine, setReaderLine] = useState<ReaderLine | null>(null);
  useSnippetProbe(snippet, COST_PER_JOB_PROBE, PROBE_INPUT);
  const run = useSnippetRuns(snippet, function applySnippetRun(next) {
    if (next.status !== "ok") return;
    const cascade = objectExport(next.exports.cascade);
    const line = readerLineOf(next.probe, SAMPLE_RATES);
    setReaderLine(line);
    const { raw, notes } = rawOfExports(cascade, next.exports.escalationRate);
    notes.push(...(line?.notes ?? []));
    if (next.exports.cascade !== undefined && !cascade) {
      notes.push("Your snippet's `cascade` export is not an object; it is left out.");
    }
    scenario.apply(raw, "snippet", notes);
  });
  const { values, set } = scenario;
  const figures = cascadeFigures(values);

  return (
    <WidgetFrame
      prefix={id}
      title="When does a cascade stop paying?"
      snippetId={snippet}
      run={run}
      notes={scenario.notes}
      onDismissNotes={scenario.dismissNotes}
      onReset={scenario.reset}
      query={scenario.query}
      announcement={`${formatUsd(figures.cascadeNanos)} per job on the cascade.`}
    >
      <div className="widget-controls">
        <ModelSelect label="Cheap model" value={values.cheap} onChange={(v) => set("cheap", v)} />
        <ModelSelect
          label="Strong model"
          value={values.strong}
          onChange={(v) => set("strong", v)}
        />
        <NumberField
          label="Input tokens per job"
          unit="tokens"
          scale="log"
          whole
          min={0}
          max={cascadeSchema.inputTokens.max}
          value={values.inputTokens}
          onChange={(v) => set("inputTokens", v)}
          hint="Sent to each model the job visits."
        />
        <NumberField
          label="Output tokens per job"
          unit="tokens"
          scale="log"
          whole
          min={0}
          max={cascadeSchema.outputTokens.max}
          value={values.outputTokens}
          onChange={(v) => set("outputTokens", v)}
        />
        <NumberField
          label="Escalation rate"
          unit="%"
          min={0}
          max={100}
          step={1}
          value={values.escalationPercent}
          onChange={(v) => set("escalationPercent", v)}
          hint="Share of jobs the cheap model passes on to the strong one."
        />
        <NumberField
          label="Quality alarm at"
          unit="%"
          min={1}
          max={100}
          step={1}
          value={values.alarmPercent}
          onChange={(v) => set("alarmPercent", v)}
          hint="The escalation rate at which you would call the cheap model broken."
        />
      </div>
      <dl className="widget-figures">
        <div className="widget-figure">
          <dt>Cascade, per job</dt>
          <dd data-figure="cascade">{formatUsd(figures.cascadeNanos)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Strong only, per job</dt>
          <dd data-figure="strong">{formatUsd(figures.strongNanos)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Cheap only, per job</dt>
          <dd data-figure="cheap">{formatUsd(figures.cheapNanos)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Break-even rate</dt>
          <dd data-figure="break-even">{formatPercent(figures.breakEven)}</dd>
        </div>
      </dl>
      <CascadeChart figures={figures} values={values} readerLine={readerLine} />
      <RateTable figures={figures} readerLine={readerLine} />
    </WidgetFrame>
  );
}

const HEIGHT = 256; // pixels; the chart box's fixed height
const MARGIN = { top: 30, right: 16, bottom: 46, left: 62 };

interface CascadeChartProps {
  figures: CascadeFigures;
  values: CascadeValues;
  readerLine: ReaderLine | null;
}

/** The cascade and strong-only lines, the alarm zone and the break-even. */
function CascadeChart({ figures, values, readerLine }: CascadeChartProps) {
  const [box, width] = useChartWidth();
  const summaryId = useId();
  const right = width - MARGIN.right;
  const bottom = HEIGHT - MARGIN.bottom;
  const strongUsd = usdFromNanos(figures.strongNanos);
  const readerPoints = readerLine?.points ?? [];
  const highest = Math.max(
    1e-9,
    strongUsd,
    ...figures.points.map((point) => point.usd),
    ...readerPoints.map((point) => point.usd),
  );

  const x = scaleLinear().domain([0, 1]).range([MARGIN.left, right]);
  const y = scaleLinear().domain([0, highest]).nice().range([bottom, MARGIN.top]);
  const path = line<RatePoint>()
    .x((point) => x(point.rate))
    .y((point) => y(point.usd));
  const rate = fractionOfPercent(values.escalationPercent);
  const alarm = fractionOfPercent(values.alarmPercent);
  const cheaper = figures.cheapNanos < figures.strongNanos;

  return (
    <figure className="cascade-figure">
      <div className="chart-box" ref={box} style={{ height: HEIGHT }}>
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={summaryId}>
          <g className="cascade-alarm">
            <rect
              x={x(alarm)}
              y={MARGIN.top}
              width={right - x(alarm)}
              height={bottom - MARGIN.top}
            />
          </g>
          <AxisSide
            scale={y}
            at={MARGIN.left}
            side="left"
            ticks={5}
            format="$,~f"
            title="Cost per job"
            titleAt={0}
            gridTo={right}
          />
          <line
            className="cascade-strong"
            x1={x(0)}
            x2={x(1)}
            y1={y(strongUsd)}
            y2={y(strongUsd)}
          />
          <path className="cascade-line" d={path(figures.points) ?? ""} />
          {readerPoints.length > 1 ? (
            <path className="cascade-reader" d={path(readerPoints) ?? ""} />
          ) : null}
          <ChartLabel
            x={alarm > 0.75 ? right - 4 : x(alarm) + 4}
            y={MARGIN.top + 14}
            anchor={alarm > 0.75 ? "end" : "start"}
            className="cascade-alarm-label"
          >
            quality alarm
          </ChartLabel>
          <g className="cascade-now" transform={`translate(${x(rate)},0)`}>
            <line y1={MARGIN.top} y2={bottom} />
            <circle cy={y(usdFromNanos(figures.cascadeNanos))} r={4} />
          </g>
          {cheaper ? (
            <g className="cascade-break-even">
              <circle cx={x(figures.breakEven)} cy={y(strongUsd)} r={5} />
              <ChartLabel
                x={x(figures.breakEven)}
                y={y(strongUsd) - 10}
                anchor={figures.breakEven > 0.6 ? "end" : "start"}
              >
                {`break-even ${formatPercent(figures.breakEven)}`}
              </ChartLabel>
            </g>
          ) : null}
          <AxisBottom
            scale={x}
            at={bottom}
            ticks={tickCount(right - MARGIN.left, 60)}
            format="~%"
            title="Escalation rate"
          />
        </svg>
      </div>
      <ul className="chart-legend">
        <li>
          <span className="chart-swatch chart-swatch-line cascade-swatch-line" /> Cascade: cheap
          always, strong when escalated
        </li>
        <li>
          <span className="chart-swatch chart-swatch-line cascade-swatch-strong" /> Strong model
          only
        </li>
        {readerPoints.length > 1 ? (
          <li>
            <span className="chart-swatch chart-swatch-line cascade-swatch-reader" /> Your
            costPerJob
          </li>
        ) : null}
        <li>
          <span className="chart-swatch cascade-swatch-alarm" /> Quality alarm zone
        </li>
      </ul>
      <figcaption className="widget-summary" id={summaryId} data-figure="summary">
        {figures.summary}
        {readerPoints.length > 1 ? <ReaderReading points={readerPoints} rate={rate} /> : null}
      </figcaption>
    </figure>
  );
}

/** What the reader's function gives at the sampled rate nearest the chosen one. */
function ReaderReading({ points, rate }: { points: RatePoint[]; rate: number }) {
  const nearest = points.reduce((a, b) =>
    Math.abs(b.rate - rate) < Math.abs(a.rate - rate) ? b : a,
  );
  return (
    <span data-figure="reader">
      {" "}
      Your costPerJob({nearest.rate}) returns {formatUsd(nearest.usd)}.
    </span>
  );
}

/** The lines' samples as a table, the chart's text alternative. */
function RateTable({ figures, readerLine }: Omit<CascadeChartProps, "values">) {
  const strong = formatUsd(figures.strongNanos);
  const reader = new Map(readerLine?.points.map((point) => [point.rate, point.usd]));
  const showReader = reader.size > 0;
  return (
    <details className="cascade-details">
      <summary>Cost per job by escalation rate</summary>
      <div className="widget-table-wrap">
        <table className="widget-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                Escalation
              </th>
              <th scope="col" className="num">
                Cascade
              </th>
              <th scope="col" className="num">
                Strong only
              </th>
              {showReader ? (
                <th scope="col" className="num">
                  Your costPerJob
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {figures.points.map((point) => {
              const yours = reader.get(point.rate);
              return (
                <tr key={point.rate}>
                  <th scope="row" className="num">
                    {formatPercent(point.rate)}
                  </th>
                  <td className="num">{formatUsd(point.usd)}</td>
                  <td className="num">{strong}</td>
                  {showReader ? (
                    <td className="num">{yours === undefined ? "left out" : formatUsd(yours)}</td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
