import { useState } from "react";
import { scaleLinear } from "d3-scale";
import { formatPercent, formatTokens, formatUsd, models, type ModelPrice } from "cost";
import { ChoiceField } from "../shared/ChoiceField";
import { ModelSelect, ratesLine } from "../shared/ModelSelect";
import { NumberField } from "../shared/NumberField";
import { WidgetFrame } from "../shared/WidgetFrame";
import { useScenario } from "../shared/useScenario";
import { useSnippetRuns } from "../shared/useSnippet";
import {
  DAYS_PER_MONTH,
  pricingFigures,
  pricingFromExports,
  pricingSchema,
  type PricingFigures,
  type PricingValues,
} from "./pricing";
import "./PricingSliders.css";

export interface PricingSlidersProps {
  /** Element id and link prefix; change it to put two on one page. */
  id?: string;
  /** Starting values, checked like a link's: keys of the scenario. */
  initial?: Partial<PricingValues>;
  /**
   * The snippet whose exports redraw the widget: `scenario` (the values
   * above) and `price` (a price entry the cost module accepts).
   */
  snippet?: string;
}

/**
 * Pricing sliders: a model from the price table, one request's tokens by
 * type and the requests per day; shows the cost per request, per day and
 * per month, term by term.
 */
export default function PricingSliders({ id = "pricing", initial, snippet }: PricingSlidersProps) {
  const scenario = useScenario(pricingSchema, id, initial);
  const [snippetPrice, setSnippetPrice] = useState<ModelPrice | null>(null);
  const [useSnippetPrice, setUseSnippetPrice] = useState(true);
  const run = useSnippetRuns(snippet, function applySnippetRun(next) {
    if (next.status !== "ok") return;
    const read = pricingFromExports(next.exports);
    setSnippetPrice(read.price);
    scenario.apply(read.raw, "snippet", read.notes);
  });

  const { values, set } = scenario;
  const price = snippetPrice && useSnippetPrice ? snippetPrice : models[values.model];
  const figures = pricingFigures(values, price);

  return (
    <WidgetFrame
      prefix={id}
      title="What one request costs, per day and per month"
      snippetId={snippet}
      run={run}
      notes={scenario.notes}
      onDismissNotes={scenario.dismissNotes}
      onReset={scenario.reset}
      query={scenario.query}
      announcement={
        `${formatUsd(figures.perMonthNanos)} a month, ` +
        `${formatUsd(figures.perRequest.costNanos)} a request.`
      }
    >
      <div className="widget-controls">
        <ModelSelect label="Model" value={values.model} onChange={(v) => set("model", v)} />
        {snippetPrice ? (
          <div className="widget-field">
            <label className="widget-choice-option">
              <input
                type="checkbox"
                checked={useSnippetPrice}
                onChange={(event) => setUseSnippetPrice(event.target.checked)}
              />
              Use your snippet's price: {snippetPrice.label}
            </label>
            <p className="widget-hint">{ratesLine(snippetPrice)}.</p>
          </div>
        ) : null}
        <NumberField
          label="Input tokens per request"
          unit="tokens"
          scale="log"
          whole
          min={0}
          max={pricingSchema.inputTokens.max}
          value={values.inputTokens}
          onChange={(v) => set("inputTokens", v)}
          hint="Uncached prompt: system prompt, history, documents, the question."
        />
        <NumberField
          label="Output tokens per request"
          unit="tokens"
          scale="log"
          whole
          min={0}
          max={pricingSchema.outputTokens.max}
          value={values.outputTokens}
          onChange={(v) => set("outputTokens", v)}
          hint="Generated tokens, reasoning included."
        />
        <NumberField
          label="Cache-write tokens per request"
          unit="tokens"
          scale="log"
          whole
          min={0}
          max={pricingSchema.cacheWriteTokens.max}
          value={values.cacheWriteTokens}
          onChange={(v) => set("cacheWriteTokens", v)}
        />
        <ChoiceField
          legend="Cache lifetime of the writes"
          options={[
            { value: "5m", label: "5 minutes" },
            { value: "1h", label: "1 hour" },
          ]}
          value={values.ttl}
          onChange={(v) => set("ttl", v)}
        />
        <NumberField
          label="Cache-read tokens per request"
          unit="tokens"
          scale="log"
          whole
          min={0}
          max={pricingSchema.cacheReadTokens.max}
          value={values.cacheReadTokens}
          onChange={(v) => set("cacheReadTokens", v)}
        />
        <NumberField
          label="Requests per day"
          unit="requests"
          scale="log"
          whole
          min={0}
          max={pricingSchema.requestsPerDay.max}
          value={values.requestsPerDay}
          onChange={(v) => set("requestsPerDay", v)}
        />
      </div>
      <PricingResult figures={figures} price={price} />
    </WidgetFrame>
  );
}

/** The figures, the share bar and the bill's table. */
function PricingResult({ figures, price }: { figures: PricingFigures; price: ModelPrice }) {
  const share = scaleLinear().domain([0, 1]).range([0, 100]);
  const long = figures.perRequest.longContext ? price.longContext : undefined;
  return (
    <div className="pricing-result">
      <dl className="widget-figures">
        <div className="widget-figure">
          <dt>Per request</dt>
          <dd data-figure="per-request">{formatUsd(figures.perRequest.costNanos)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Per day</dt>
          <dd data-figure="per-day">{formatUsd(figures.perDayNanos)}</dd>
        </div>
        <div className="widget-figure">
          <dt>Per month ({DAYS_PER_MONTH} days)</dt>
          <dd data-figure="per-month">{formatUsd(figures.perMonthNanos)}</dd>
        </div>
      </dl>
      <p className="widget-summary" data-figure="headline">
        {figures.headline}
      </p>
      <p className="widget-note pricing-long" data-figure="long-context">
        {long
          ? `This prompt passes ${formatTokens(long.threshold)} tokens, so the whole request, ` +
            `output included, is billed at ${price.label}'s long-context rates.`
          : ""}
      </p>
      <div className="pricing-bar" aria-hidden="true">
        {figures.rows.map((row) => (
          <span
            key={row.term}
            className="pricing-bar-part widget-animate"
            data-term={row.term}
            style={{ width: `${share(row.share)}%` }}
          />
        ))}
      </div>
      <div className="widget-table-wrap">
        <table className="widget-table pricing-table">
          <caption className="visually-hidden">
            The bill term by term: per request, per day and per {DAYS_PER_MONTH}-day month
          </caption>
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col" className="num">
                Tokens per request
              </th>
              <th scope="col" className="num">
                Per million
              </th>
              <th scope="col" className="num">
                Per request
              </th>
              <th scope="col" className="num">
                Per day
              </th>
              <th scope="col" className="num">
                Per month
              </th>
              <th scope="col" className="num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.rows.map((row) => (
              <tr key={row.term} data-term={row.term}>
                <th scope="row">
                  <span className="chart-swatch pricing-swatch" data-term={row.term} /> {row.label}
                </th>
                <td className="num" data-cell="tokens-per-request">
                  {formatTokens(row.tokensPerRequest)}
                </td>
                <td className="num" data-cell="price-per-million">
                  {formatUsd(row.pricePerMillion)}
                </td>
                <td className="num" data-cell="per-request">
                  {formatUsd(row.costPerRequestNanos)}
                </td>
                <td className="num" data-cell="per-day">
                  {formatUsd(row.costPerDayNanos)}
                </td>
                <td className="num" data-cell="per-month">
                  {formatUsd(row.costPerMonthNanos)}
                </td>
                <td className="num" data-cell="share">
                  {formatPercent(row.share)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
