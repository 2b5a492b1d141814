import { useId } from "react";
import { formatUsd, modelIds, models, type ModelId, type ModelPrice } from "cost";
import "./widgets.css";

export interface ModelSelectProps {
  /** The visible label: "Model", "Cheap model". */
  label: string;
  value: ModelId;
  onChange: (id: ModelId) => void;
  /** Show the model's rates, date and source under the box. Default true. */
  showRates?: boolean;
}

const PROVIDER_NAMES = { anthropic: "Anthropic", openai: "OpenAI", google: "Google" } as const;

const groups = Object.entries(PROVIDER_NAMES).map(([provider, name]) => ({
  name,
  ids: modelIds.filter((id) => models[id].provider === provider),
}));

/** A price as a short string: "$3", "$0.30", "$22.50". */
function rate(usdPerMillion: number): string {
  return formatUsd(usdPerMillion);
}

/** The rates of a price entry in one line, per million tokens. */
export function ratesLine(model: ModelPrice): string {
  return (
    `${rate(model.input)} input, ${rate(model.output)} output, ` +
    `${rate(model.cacheWrite5m)} / ${rate(model.cacheWrite1h)} cache write (5 min / 1 h), ` +
    `${rate(model.cacheRead)} cache read, per million tokens`
  );
}

/** A labelled select over the pinned price table, grouped by provider. */
export function ModelSelect({ label, value, onChange, showRates = true }: ModelSelectProps) {
  const id = useId();
  const model = models[value];
  return (
    <div className="widget-field">
      <label className="widget-field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="widget-select"
        value={value}
        aria-describedby={showRates ? `${id}-rates` : undefined}
        onChange={(event) => onChange(event.target.value as ModelId)}
      >
        {groups.map((group) => (
          <optgroup key={group.name} label={group.name}>
            {group.ids.map((modelId) => (
              <option key={modelId} value={modelId}>
                {models[modelId].label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {showRates ? (
        <p className="widget-hint" id={`${id}-rates`}>
          {ratesLine(model)}; as of {model.asOf} (<a href={model.source}>source</a>).
        </p>
      ) : null}
    </div>
  );
}
