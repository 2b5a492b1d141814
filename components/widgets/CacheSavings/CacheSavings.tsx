import { useId } from "react";
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { formatPercent, formatTokens, formatUsd, models, usdFromNanos, type CacheTtl } from "cost";
import { AxisBottom, AxisSide, ChartLabel, tickCount, useChartWidth } from "../shared/chart";
import { ChoiceField } from "../shared/ChoiceField";
import { ModelSelect } from "../shared/ModelSelect";
import { NumberField } from "../shared/NumberField";
import { WidgetFrame } from "../shared/WidgetFrame";
import { scenarioExport } from "../shared/snippetExports";
import { useSnippetRuns } from "../shared/useSnippet";
import { useScenario } from "../shared/useScenario";
import {
  breakEvenWords,
  cacheFigures,
  cacheSchema,
  type CacheFigures,
  type CacheValues,
  type SavingsPoint,
} from "./savings";
import "./CacheSavings.css";

export interface CacheSavingsProps {
  /** Element id and link prefix; change it to put two on one page. */
  id?: string;
  /** Starting values, checked like a link's: keys of the scenario. */
  initial?: Partial<CacheValues>;
  /**
   * The snippet whose exports redraw the widget: `prefix`, an object with
   * cacheSavings' options (model, prefixTokens, turns, ttl).
   */
  snippet?: string;
}

const TTL_OPTIONS = [
  { value: "5m", label: "5 minutes" },
  { value: "1h", label: "1 hour" },
] as const;

/**
 * Cache savings: a stable prefix sent on N turns, without and with prompt
 * caching, the write price of each lifetime, the turn where caching starts
 * to win and the fraction saved.
 */
export default function CacheSavings({ id = "cache", initial, snippet }: CacheSavingsProps) {
  const scenario = useScenario(cacheSchema, id, initial);
  const run = useSnippetRuns(snippet, function applySnippetRun(next) {
    if (next.status !== "ok") return;
    const { raw, notes } = scenarioExport(next.exports, "prefix");
    scenario.apply(raw, "snippet", notes);
  });
  const { values, set } = scenario;
  const figures = cacheFigures(values);
  const { savings } = figures;

  return (
    <WidgetFrame
      prefix={id}
      title="What caching a stable prefix saves"
      snippetId={snippet}
      run={run}
      notes={scenario.notes}
      onDismissNotes={scenario.dismissNotes}
      onReset={scenario.reset}
      query={scenario.query}
      announcement={`Saved ${formatUsd(savings.savedNanos)}, ${formatPercent(savings.fraction)}.`}
    >
      <div className="widget-controls">
        <ModelSelect label="Model" value={values.model} onChange={(v) => set("model", v)} />
        <NumberField
          label="Prefix"
          unit="tokens"
          scale="log"
          whole
          min={0}
          max={cacheSchema.prefixTokens.max}
          value={values.prefixTokens}
          onChange={(v) => set("prefixTokens", v)}
          hint={
            `${models[values.model].label} caches prefixes of ` +
            `${formatTokens(figures.minCacheableTokens)} tokens or more.`
          }
        />
        <NumberField
          label="Turns"
          unit="turns"
          whole
          min={1}
          max={cacheSchema.turns.max}
          value={values.turns}
          onChange={(v) => set("turns", v)}
          hint="Requests that send the prefix within the cache's lifetime."
        />
        <ChoiceField
          legend="Cache lifetime"
          options={TTL_OPTIONS}
          value={values.ttl}
          onChange={(v) => set("ttl", v)}
        />
      </div>
      <dl className="widget-figures">
        <div className="widget-figure">
          <dt>Uncached</dt>
          <dd data-figure="uncached">{formatUsd(savings.uncachedNanos)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Cached</dt>
          <dd data-figure="cached">{formatUsd(savings.cachedNanos)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Saved</dt>
          <dd data-figure="saved">
            {formatUsd(savings.savedNanos)} ({formatPercent(savings.fraction)})
          </dd>
        </div>
        <div className="widget-figure">
          <dt>Caching wins from</dt>
          <dd data-figure="break-even">
            {savings.breakEvenTurn === null ? "never" : `turn ${savings.breakEvenTurn}`}
          </dd>
        </div>
      </dl>
      <p className="widget-note cache-minimum" data-figure="minimum">
        {figures.minimumNote}
      </p>
      <SavingsChart figures={figures} />
      <TtlTable figures={figures} turns={values.turns} />
      <PointsTable points={figures.points} />
    </WidgetFrame>
  );
}

const HEIGHT = 240; // pixels; the chart box's fixed height
const MARGIN = { top: 30, right: 16, bottom: 46, left: 58 };

/** Both running totals over the turns, and where caching starts to win. */
function SavingsChart({ figures }: { figures: CacheFigures }) {
  const [box, width] = useChartWidth();
  const summaryId = useId();
  const { points } = figures;
  const right = width - MARGIN.right;
  const bottom = HEIGHT - MARGIN.bottom;
  const last = points[points.length - 1];
  const highest = last
    ? usdFromNanos(last.uncachedNanos > last.cachedNanos ? last.uncachedNanos : last.cachedNanos)
    : 0;

  const x = scaleLinear()
    .domain([1, Math.max(2, points.length)])
    .range([MARGIN.left, right]);
  const y = scaleLinear()
    .domain([0, Math.max(highest, 1e-9)])
    .nice()
    .range([bottom, MARGIN.top]);
  const path = (pick: (point: SavingsPoint) => bigint) =>
    line<SavingsPoint>()
      .x((point) => x(point.turn))
      .y((point) => y(usdFromNanos(pick(point))))(points) ?? "";
  const breakEven = figures.savings.breakEvenTurn;
  const showBreakEven = breakEven !== null && breakEven <= points.length;

  return (
    <figure className="cache-figure">
      <div className="chart-box" ref={box} style={{ height: HEIGHT }}>
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={summaryId}>
          <AxisSide
            scale={y}
            at={MARGIN.left}
            side="left"
            ticks={5}
            format="$,~f"
            title="Prefix cost so far"
            titleAt={0}
            gridTo={right}
          />
          {showBreakEven ? (
            <line
              className="cache-break-even"
              x1={x(breakEven)}
              x2={x(breakEven)}
              y1={MARGIN.top}
              y2={bottom}
            />
          ) : null}
          <path className="cache-line cache-line-uncached" d={path((p) => p.uncachedNanos)} />
          <path className="cache-line cache-line-cached" d={path((p) => p.cachedNanos)} />
          {showBreakEven ? (
            <ChartLabel x={x(breakEven) + 4} y={MARGIN.top + 12} className="cache-break-even-label">
              caching wins
            </ChartLabel>
          ) : null}
          <AxisBottom
            scale={x}
            at={bottom}
            ticks={tickCount(right - MARGIN.left, 60)}
            format="d"
            title="Turns"
            filter={Number.isInteger}
          />
        </svg>
      </div>
      <ul className="chart-legend">
        <li>
          <span className="chart-swatch chart-swatch-line cache-swatch-uncached" /> Uncached
        </li>
        <li>
          <span className="chart-swatch chart-swatch-line cache-swatch-cached" /> Cached: one write,
          then reads
        </li>
      </ul>
      <figcaption className="widget-summary" id={summaryId} data-figure="summary">
        {figures.summary}
      </figcaption>
    </figure>
  );
}

const TTL_LABELS: Record<CacheTtl, string> = { "5m": "5 minutes", "1h": "1 hour" };

/** Both write lifetimes side by side: the text alternative and the comparison. */
function TtlTable({ figures, turns }: { figures: CacheFigures; turns: number }) {
  const { prices } = figures;
  const writes: Record<CacheTtl, bigint> = { "5m": prices.write5m, "1h": prices.write1h };
  return (
    <div className="widget-table-wrap">
      <table className="widget-table cache-ttl-table">
        <caption>
          The prefix once: {formatUsd(prices.input)} as input, {formatUsd(prices.read)} as a cache
          read
        </caption>
        <thead>
          <tr>
            <th scope="col">Lifetime</th>
            <th scope="col" className="num">
              One write
            </th>
            <th scope="col">Caching wins</th>
            <th scope="col" className="num">
              Saved over {turns} turns
            </th>
          </tr>
        </thead>
        <tbody>
          {(["5m", "1h"] as const).map((ttl) => (
            <tr key={ttl} data-ttl={ttl}>
              <th scope="row">{TTL_LABELS[ttl]}</th>
              <td className="num">{formatUsd(writes[ttl])}</td>
              <td>{breakEvenWords(figures.byTtl[ttl], turns)}</td>
              <td className="num">
                {formatUsd(figures.byTtl[ttl].savedNanos)} (
                {formatPercent(figures.byTtl[ttl].fraction)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The chart's running totals as a table, its text alternative turn by turn. */
function PointsTable({ points }: { points: readonly SavingsPoint[] }) {
  return (
    <details className="cache-details">
      <summary>Turn-by-turn table</summary>
      <div className="widget-table-wrap">
        <table className="widget-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                Turns
              </th>
              <th scope="col" className="num">
                Uncached so far
              </th>
              <th scope="col" className="num">
                Cached so far
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.turn}>
                <th scope="row" className="num">
                  {point.turn}
                </th>
                <td className="num">{formatUsd(point.uncachedNanos)}</td>
                <td className="num">{formatUsd(point.cachedNanos)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
