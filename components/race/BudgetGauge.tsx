import { scaleLinear } from "d3-scale";
import { formatUsd } from "cost";
import { useChartWidth } from "../widgets/shared/chart";
import { formatPercent } from "cost";
import { overText, type LedgerView } from "./frames";

export interface BudgetGaugeProps {
  ledger: LedgerView;
  /** The most the gauge must show over the whole race, in USD. */
  most: number;
}

const HEIGHT = 84; // pixels; the gauge box's fixed height
const BAR = { top: 24, height: 22 };
const MARGIN = { left: 12, right: 24 };

/**
 * The tenant's month as a bar: committed spend, holds on top of it, the
 * limit line, and the billed spend past the limit in the danger color.
 */
export function BudgetGauge({ ledger, most }: BudgetGaugeProps) {
  const [box, width] = useChartWidth();
  const x = scaleLinear()
    .domain([0, Math.max(most, ledger.limit, 0.01) * 1.1])
    .nice()
    .range([MARGIN.left, width - MARGIN.right]);
  const { committed, held, billed, limit } = ledger;
  const base = x(0);
  const bottom = BAR.top + BAR.height;

  return (
    <figure className="race-gauge">
      <figcaption className="visually-hidden">
        {`Committed ${formatUsd(committed)}, held ${formatUsd(held)}, limit ${formatUsd(limit)}, ${overText(ledger)}.`}
      </figcaption>
      <div className="race-gauge-box" ref={box}>
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} aria-hidden="true" focusable="false">
          <rect
            className="race-gauge-track"
            x={base}
            y={BAR.top}
            width={x(x.domain()[1]!) - base}
            height={BAR.height}
          />
          <rect
            className="race-gauge-committed"
            x={base}
            y={BAR.top}
            width={x(committed) - base}
            height={BAR.height}
          />
          <rect
            className="race-gauge-held"
            x={x(committed)}
            y={BAR.top}
            width={x(committed + held) - x(committed)}
            height={BAR.height}
          />
          {ledger.over > 0 ? (
            <rect
              className="race-gauge-over"
              x={x(limit)}
              y={BAR.top - 4}
              width={x(billed) - x(limit)}
              height={BAR.height + 8}
            />
          ) : null}
          {billed !== committed ? (
            <line
              className="race-gauge-billed"
              x1={x(billed)}
              x2={x(billed)}
              y1={BAR.top - 6}
              y2={bottom + 6}
            />
          ) : null}
          <line
            className="race-gauge-limit"
            x1={x(limit)}
            x2={x(limit)}
            y1={BAR.top - 10}
            y2={bottom + 10}
          />
          <text className="race-gauge-label" x={x(limit)} y={BAR.top - 13} textAnchor="middle">
            {`limit ${formatUsd(limit)}`}
          </text>
          <g className="chart-axis">
            {x.ticks(5).map((tick) => (
              <text key={tick} x={x(tick)} y={HEIGHT - 6} textAnchor="middle">
                {formatUsd(tick)}
              </text>
            ))}
          </g>
        </svg>
      </div>
      <dl className="widget-figures race-figures">
        <div className="widget-figure">
          <dt>Committed</dt>
          <dd data-figure="committed">{formatUsd(committed)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Held</dt>
          <dd data-figure="held">{formatUsd(held)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Billed</dt>
          <dd data-figure="billed">{formatUsd(billed)}</dd>
        </div>
        <div className="widget-figure" data-over={ledger.over > 0 ? "true" : "false"}>
          <dt>Over the limit</dt>
          <dd data-figure="over">{overFigure(ledger)}</dd>
        </div>
      </dl>
    </figure>
  );
}

/** "$0.15 (15%)", or "None". */
function overFigure(ledger: LedgerView): string {
  if (ledger.over === 0) return "None";
  const share = ledger.overFraction === null ? "" : ` (${formatPercent(ledger.overFraction)})`;
  return formatUsd(ledger.over) + share;
}
