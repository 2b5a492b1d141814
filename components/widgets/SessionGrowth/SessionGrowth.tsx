import { useId } from "react";
import { scaleLinear, type ScaleLinear } from "d3-scale";
import { line, stack } from "d3-shape";
import { formatTokens, formatUsd, type TurnCost } from "cost";
import { AxisBottom, AxisSide, tickCount, useChartWidth } from "../shared/chart";
import { ChoiceField } from "../shared/ChoiceField";
import { ModelSelect } from "../shared/ModelSelect";
import { NumberField } from "../shared/NumberField";
import { WidgetFrame } from "../shared/WidgetFrame";
import { scenarioExport } from "../shared/snippetExports";
import { useSnippetRuns } from "../shared/useSnippet";
import { useScenario } from "../shared/useScenario";
import { formatPercent } from "cost";
import { sessionFigures, sessionSchema, type SessionFigures, type SessionValues } from "./growth";
import "./SessionGrowth.css";

export interface SessionGrowthProps {
  /** Element id and link prefix; change it to put two on one page. */
  id?: string;
  /** Starting values, checked like a link's: keys of the scenario. */
  initial?: Partial<SessionValues>;
  /**
   * The snippet whose exports redraw the chart: `session`, an object with
   * sessionCost's options (model, turns, prefixTokens, growthTokensPerTurn,
   * outputTokensPerTurn, cache).
   */
  snippet?: string;
}

const CACHE_OPTIONS = [
  { value: "none", label: "None" },
  { value: "prefix", label: "Prefix" },
  { value: "conversation", label: "Conversation" },
] as const;

/**
 * The session growth chart: each turn's prompt as stacked parts (fixed
 * prefix, resent history, new output) and the cumulative cost as a line.
 */
export default function SessionGrowth({ id = "session", initial, snippet }: SessionGrowthProps) {
  const scenario = useScenario(sessionSchema, id, initial);
  const run = useSnippetRuns(snippet, function applySnippetRun(next) {
    if (next.status !== "ok") return;
    const { raw, notes } = scenarioExport(next.exports, "session");
    scenario.apply(raw, "snippet", notes);
  });
  const { values, set } = scenario;
  const figures = sessionFigures(values);

  return (
    <WidgetFrame
      prefix={id}
      title="A chat session, turn by turn"
      snippetId={snippet}
      run={run}
      notes={scenario.notes}
      onDismissNotes={scenario.dismissNotes}
      onReset={scenario.reset}
      query={scenario.query}
      announcement={
        `${values.turns} ${values.turns === 1 ? "turn costs" : "turns cost"} ` +
        `${formatUsd(figures.session.costNanos)}.`
      }
    >
      <div className="widget-controls">
        <ModelSelect label="Model" value={values.model} onChange={(v) => set("model", v)} />
        <NumberField
          label="Turns"
          unit="turns"
          whole
          min={1}
          max={sessionSchema.turns.max}
          value={values.turns}
          onChange={(v) => set("turns", v)}
        />
        <NumberField
          label="Prefix"
          unit="tokens"
          scale="log"
          whole
          min={0}
          max={sessionSchema.prefixTokens.max}
          value={values.prefixTokens}
          onChange={(v) => set("prefixTokens", v)}
          hint="System prompt, tools and documents, sent first on every turn."
        />
        <NumberField
          label="Growth per turn"
          unit="tokens"
          scale="log"
          whole
          min={0}
          max={sessionSchema.growthTokensPerTurn.max}
          value={values.growthTokensPerTurn}
          onChange={(v) => set("growthTokensPerTurn", v)}
          hint="What each turn adds to the history every later turn re-sends."
        />
        <NumberField
          label="Output per turn"
          unit="tokens"
          scale="log"
          whole
          min={0}
          max={sessionSchema.outputTokensPerTurn.max}
          value={values.outputTokensPerTurn}
          onChange={(v) => set("outputTokensPerTurn", v)}
        />
        <ChoiceField
          legend="Caching"
          options={CACHE_OPTIONS}
          value={values.cache}
          onChange={(v) => set("cache", v)}
        />
      </div>
      <dl className="widget-figures">
        <div className="widget-figure">
          <dt>Session cost</dt>
          <dd data-figure="session-cost">{formatUsd(figures.session.costNanos)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Prompt tokens sent</dt>
          <dd data-figure="prompt-tokens">{formatTokens(figures.session.promptTokens)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Re-sent prefix's share</dt>
          <dd data-figure="prefix-share">{formatPercent(figures.prefixShare)}</dd>
        </div>
      </dl>
      <GrowthChart figures={figures} />
      <TurnTable turns={figures.session.turns} />
    </WidgetFrame>
  );
}

const HEIGHT = 256; // pixels; the chart box's fixed height
const MARGIN = { top: 30, right: 58, bottom: 46, left: 50 };
const PARTS = ["prefixTokens", "historyTokens", "outputTokens"] as const;

/** The stacked bars and the cumulative cost line, drawn with d3's scales. */
function GrowthChart({ figures }: { figures: SessionFigures }) {
  const [box, width] = useChartWidth();
  const summaryId = useId();
  const turns = figures.session.turns;
  const right = width - MARGIN.right;
  const bottom = HEIGHT - MARGIN.bottom;

  const x = scaleLinear()
    .domain([0.5, turns.length + 0.5])
    .range([MARGIN.left, right]);
  const tallest = Math.max(1, ...turns.map((turn) => turn.promptTokens + turn.outputTokens));
  const tokens = scaleLinear().domain([0, tallest]).nice().range([bottom, MARGIN.top]);
  const spent = Math.max(figures.session.cost, 1e-9);
  const usd = scaleLinear().domain([0, spent]).nice().range([bottom, MARGIN.top]);

  const layers = stack<TurnCost, (typeof PARTS)[number]>()
    .keys(PARTS)
    .value((turn, key) => turn[key])([...turns]);
  const barWidth = Math.max(1, (x(1.5) - x(0.5)) * 0.75);
  const costLine = line<TurnCost>()
    .x((turn) => x(turn.turn))
    .y((turn) => usd(turn.cumulativeCost))(turns);
  const ticks = tickCount(right - MARGIN.left, 70);

  return (
    <figure className="growth-figure">
      <div className="chart-box" ref={box} style={{ height: HEIGHT }}>
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={summaryId}>
          <AxisSide
            scale={tokens}
            at={MARGIN.left}
            side="left"
            ticks={5}
            format="~s"
            title="Tokens per turn"
            titleAt={0}
            gridTo={right}
          />
          <AxisSide
            scale={usd}
            at={right}
            side="right"
            ticks={5}
            format="$,~f"
            title="Spent so far"
            titleAt={width}
          />
          {layers.map((layer) => (
            <g key={layer.key} className={`growth-part growth-${layer.key}`}>
              {layer.map((point) => (
                <rect
                  key={point.data.turn}
                  x={x(point.data.turn) - barWidth / 2}
                  y={tokens(point[1])}
                  width={barWidth}
                  height={Math.max(0, tokens(point[0]) - tokens(point[1]))}
                />
              ))}
            </g>
          ))}
          <path className="growth-cost" d={costLine ?? ""} />
          <ShapeLabels figures={figures} x={x} tokens={tokens} bottom={bottom} />
          <AxisBottom
            scale={x}
            at={bottom}
            ticks={ticks}
            format="d"
            title="Turn"
            filter={Number.isInteger}
          />
        </svg>
      </div>
      <ul className="chart-legend">
        <li>
          <span className="chart-swatch growth-swatch-prefix" /> Fixed prefix, re-sent
        </li>
        <li>
          <span className="chart-swatch growth-swatch-history" /> History, re-sent
        </li>
        <li>
          <span className="chart-swatch growth-swatch-output" /> New output
        </li>
        <li>
          <span className="chart-swatch chart-swatch-line growth-swatch-cost" /> Cumulative cost
          (right axis)
        </li>
      </ul>
      <figcaption>
        <p className="widget-summary" id={summaryId} data-figure="summary">
          {figures.summary}
        </p>
        <p className="widget-summary growth-quadratic" data-figure="quadratic">
          {figures.quadratic}
        </p>
      </figcaption>
    </figure>
  );
}

interface ShapeLabelsProps {
  figures: SessionFigures;
  /** The turn axis and the token axis of the chart. */
  x: ScaleLinear<number, number>;
  tokens: ScaleLinear<number, number>;
  bottom: number;
}

/**
 * Labels on the chart itself: the last turn's prompt against turn 1's, over
 * the last bar (the quadratic shape), and the re-sent prefix's share, on
 * the prefix band halfway along the session.
 */
function ShapeLabels({ figures, x, tokens, bottom }: ShapeLabelsProps) {
  const turns = figures.session.turns;
  const last = turns.at(-1);
  if (!last) return null;
  const middle = turns[Math.floor((turns.length - 1) / 2)]!;
  const top = tokens(last.promptTokens + last.outputTokens);
  // On the band when it is tall enough for a line of text, just above it otherwise.
  const band = tokens(0) - tokens(middle.prefixTokens);
  const prefixY = band >= 16 ? tokens(middle.prefixTokens / 2) : tokens(middle.prefixTokens) - 8;
  return (
    <g className="growth-labels">
      {figures.growthLabel ? (
        <text
          className="growth-label growth-label-growth"
          data-figure="chart-growth"
          x={x(last.turn) + (x(1.5) - x(0.5)) / 2}
          y={Math.max(12, top - 6)}
          textAnchor="end"
        >
          {figures.growthLabel}
        </text>
      ) : null}
      <text
        className="growth-label growth-label-prefix"
        data-figure="chart-prefix"
        x={x(middle.turn)}
        y={Math.min(bottom - 4, prefixY)}
        dy="0.32em"
        textAnchor="middle"
      >
        {figures.prefixLabel}
      </text>
    </g>
  );
}

/** The chart's data as a table, the text alternative for every turn. */
function TurnTable({ turns }: { turns: readonly TurnCost[] }) {
  return (
    <details className="growth-details">
      <summary>Turn-by-turn table</summary>
      <div className="widget-table-wrap">
        <table className="widget-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                Turn
              </th>
              <th scope="col" className="num">
                Prefix
              </th>
              <th scope="col" className="num">
                History
              </th>
              <th scope="col" className="num">
                Output
              </th>
              <th scope="col" className="num">
                Turn cost
              </th>
              <th scope="col" className="num">
                Spent so far
              </th>
            </tr>
          </thead>
          <tbody>
            {turns.map((turn) => (
              <tr key={turn.turn}>
                <th scope="row" className="num">
                  {turn.turn}
                </th>
                <td className="num">{formatTokens(turn.prefixTokens)}</td>
                <td className="num">{formatTokens(turn.historyTokens)}</td>
                <td className="num">{formatTokens(turn.outputTokens)}</td>
                <td className="num">{formatUsd(turn.costNanos)}</td>
                <td className="num">{formatUsd(turn.cumulativeCostNanos)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
