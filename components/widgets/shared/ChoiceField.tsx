import { useId } from "react";
import "./widgets.css";

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
}

export interface ChoiceFieldProps<T extends string> {
  /** The group's visible legend: "Cache". */
  legend: string;
  options: readonly ChoiceOption<T>[];
  value: T;
  onChange: (value: T) => void;
}

/** A labelled group of radio buttons; arrow keys move between options. */
export function ChoiceField<T extends string>(props: ChoiceFieldProps<T>) {
  const { legend, options, value, onChange } = props;
  const name = useId();
  return (
    <fieldset className="widget-field widget-choice">
      <legend className="widget-field-label">{legend}</legend>
      <div className="widget-choice-options">
        {options.map((option) => (
          <label key={option.value} className="widget-choice-option">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
