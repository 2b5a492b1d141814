import { useId, useMemo, useState, type ChangeEvent, type KeyboardEvent } from "react";
import { checkNumber, numberWithUnit, type NumberSpec } from "./scenario";
import { linearSlider, logSlider } from "./sliderScale";
import "./widgets.css";

export interface NumberFieldProps {
  /** The visible label: "Input tokens per request". */
  label: string;
  /** The unit shown after the number box: "tokens", "%", "turns". */
  unit: string;
  value: number;
  min: number;
  max: number;
  /** How far one arrow key moves a linear slider. */
  step?: number;
  /**
   * "log" for values spanning orders of magnitude (token counts): each
   * arrow key then moves the value by a similar share. Default "linear".
   */
  scale?: "linear" | "log";
  /** Whether the value must be a whole number (tokens, turns). */
  whole?: boolean;
  onChange: (value: number) => void;
  /** A short line under the field: what the value means. */
  hint?: string;
}

/**
 * A labelled slider and number box for one value, with its unit. The slider
 * moves by `step` (or along a log scale); the box takes any value, and one outside the range (or a
 * fraction where a whole number is needed) is clamped when the reader leaves
 * the box or presses Enter, with a note saying so.
 */
export function NumberField(props: NumberFieldProps) {
  const { label, unit, value, min, max, whole = false, onChange, hint } = props;
  const { step = 1, scale = "linear" } = props;
  const id = useId();
  const slider = useMemo(
    () => (scale === "log" ? logSlider(min, max, whole) : linearSlider(min, max, step)),
    [scale, min, max, whole, step],
  );
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const spec: NumberSpec = { kind: "number", label, min, max, whole, fallback: value, unit };

  function commitDraft(): void {
    if (draft === null) return;
    const checked = checkNumber(draft, spec, "lesson");
    setDraft(null);
    setNote(checked.note ? clampNote(draft, checked.value) : null);
    if (checked.value !== value) onChange(checked.value);
  }

  function clampNote(typed: string, used: number): string {
    const shown = numberWithUnit(used, unit);
    const parsed = Number(typed.trim());
    if (typed.trim() === "" || !Number.isFinite(parsed)) {
      return `“${typed}” is not a number; keeping ${shown}.`;
    }
    if (parsed < min || parsed > max) {
      const range = `${numberWithUnit(min)} to ${numberWithUnit(max, unit)}`;
      return `“${typed}” is outside ${range}; using ${shown}.`;
    }
    return `“${typed}” is not a whole number; using ${shown}.`;
  }

  function typeNumber(event: ChangeEvent<HTMLInputElement>): void {
    const text = event.target.value;
    setDraft(text);
    const checked = checkNumber(text, spec, "lesson");
    // While typing, only values that need no change are taken; the rest
    // wait for Enter or leaving the box, so typing "150" never snaps at "1".
    if (!checked.note && text.trim() !== "") {
      setNote(null);
      if (checked.value !== value) onChange(checked.value);
    }
  }

  function commitOnEnter(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === "Enter") commitDraft();
  }

  function slide(event: ChangeEvent<HTMLInputElement>): void {
    setDraft(null);
    setNote(null);
    const next = slider.valueAt(Number(event.target.value));
    if (next !== value) onChange(next);
  }

  const described = [hint ? `${id}-hint` : null, note ? `${id}-note` : null]
    .filter(Boolean)
    .join(" ");

  return (
    <div className="widget-field">
      <label className="widget-field-label" id={`${id}-label`} htmlFor={`${id}-number`}>
        {label}
      </label>
      <div className="widget-field-row">
        <input
          type="range"
          className="widget-range"
          aria-labelledby={`${id}-label`}
          aria-valuetext={numberWithUnit(value, unit)}
          min={slider.min}
          max={slider.max}
          step={slider.step}
          value={slider.positionOf(value)}
          onChange={slide}
        />
        <input
          type="number"
          className="widget-number"
          id={`${id}-number`}
          inputMode={whole ? "numeric" : "decimal"}
          min={min}
          max={max}
          step={whole ? 1 : "any"}
          value={draft ?? String(value)}
          aria-labelledby={`${id}-label ${id}-unit`}
          aria-describedby={described || undefined}
          onChange={typeNumber}
          onBlur={commitDraft}
          onKeyDown={commitOnEnter}
        />
        <span className="widget-unit" id={`${id}-unit`}>
          {unit}
        </span>
      </div>
      {hint ? (
        <p className="widget-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {note ? (
        <p className="widget-note" id={`${id}-note`} role="status">
          {note}
        </p>
      ) : null}
    </div>
  );
}
