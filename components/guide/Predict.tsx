import { useEffect, useId, useState, type FormEvent, type ReactElement } from "react";
import { formatPercent, formatUsd } from "../../src/cost";
import { subscribeRuns, type SandboxValue } from "../../src/notebook/store";
import { loadProgress, NOT_SAVED_NOTE, updateProgress, type PredictionRecord } from "./progress";
import "./guide.css";

export type PredictionUnit = "usd" | "rate";

interface Props {
  /** Unique across the guide: the prediction is stored under it. */
  id: string;
  /** The id of the snippet whose run answers the question. */
  snippet: string;
  /** The snippet export holding the answer (a number). */
  exportName: string;
  question: string;
  unit: PredictionUnit;
}

/** Reads a typed guess: "$1.20", "1.2", "80%" (a rate), "0.8". */
export function parseGuess(text: string, unit: PredictionUnit): number | null {
  const cleaned = text.trim().replace(/[$,\s]/g, "");
  const percent = cleaned.endsWith("%");
  const value = Number(percent ? cleaned.slice(0, -1) : cleaned);
  if (cleaned === "" || !Number.isFinite(value) || value < 0) return null;
  if (unit === "rate") {
    const rate = percent || value > 1 ? value / 100 : value;
    return rate <= 1 ? rate : null;
  }
  return value;
}

export function formatAnswer(value: number, unit: PredictionUnit): string {
  return unit === "usd" ? formatUsd(value) : formatPercent(value);
}

/** A number with exactly `digits` decimals, in the guide's locale. */
function fixed(value: number, digits: number): string {
  return new Intl.NumberFormat("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** "You were 12% low", "spot on", or how far off in the prediction's unit. */
export function describeMiss(guess: number, actual: number, unit: PredictionUnit): string {
  if (unit === "rate") {
    const points = Math.abs(guess - actual) * 100;
    if (points < 0.5) return "Spot on.";
    const side = guess > actual ? "high" : "low";
    return `${fixed(points, points < 10 ? 1 : 0)} percentage points ${side}.`;
  }
  if (actual === 0) return guess === 0 ? "Spot on." : `Off by ${formatUsd(guess)}.`;
  const ratio = guess / actual;
  if (Math.abs(ratio - 1) < 0.005) return "Spot on.";
  if (ratio > 1) return `${formatPercent(ratio - 1)} high (${fixed(ratio, 2)}× the run).`;
  return `${formatPercent(1 - ratio)} low (${fixed(ratio, 2)}× the run).`;
}

function numberExport(exports: Record<string, SandboxValue>, name: string): number | null {
  const value = exports[name];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * Predict-then-run: the reader commits a guess before running the snippet,
 * and sees how far off it was once the run reports the actual figure.
 */
export default function Predict({ id, snippet, exportName, question, unit }: Props): ReactElement {
  const inputId = useId();
  const [record, setRecord] = useState<PredictionRecord | null>(null);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState("");
  const [actual, setActual] = useState<number | null>(null);
  const [unsaved, setUnsaved] = useState(false);

  useEffect(
    function restoreCommittedGuess() {
      const saved = loadProgress().predictions[id];
      if (saved) setRecord(saved);
    },
    [id],
  );

  useEffect(
    function listenForRuns() {
      return subscribeRuns(snippet, (run) => {
        if (run.status !== "ok") return;
        const value = numberExport(run.exports, exportName);
        if (value === null) return;
        setActual(value);
        updateProgress((progress) => {
          const saved = progress.predictions[id];
          if (saved) saved.actual = value;
        });
      });
    },
    [snippet, exportName, id],
  );

  function commit(event: FormEvent): void {
    event.preventDefault();
    const guess = parseGuess(draft, unit);
    if (guess === null) {
      setError(
        unit === "usd"
          ? "Type a dollar amount of 0 or more, like 1.20 or $0.35."
          : "Type a rate from 0 to 1, or a percentage like 80%.",
      );
      return;
    }
    const next: PredictionRecord = { guess };
    setRecord(next);
    setError("");
    const saved = updateProgress((progress) => {
      progress.predictions[id] = next;
    });
    setUnsaved(!saved);
  }

  const shown = actual ?? record?.actual ?? null;
  return (
    <div className="predict" data-predict={id}>
      <p className="predict-question">
        <span className="quiz-kicker">Predict</span> {question}
      </p>
      {record ? (
        <p className="predict-committed">
          Your prediction: <strong>{formatAnswer(record.guess, unit)}</strong>.{" "}
          {shown === null
            ? "Now run the snippet to see the real figure."
            : `The run gave ${formatAnswer(shown, unit)}: ${describeMiss(record.guess, shown, unit)}`}
        </p>
      ) : (
        <form onSubmit={commit} className="predict-form">
          <label htmlFor={inputId}>
            Your guess ({unit === "usd" ? "USD" : "rate, 0 to 1 or %"})
          </label>
          <input
            id={inputId}
            inputMode="decimal"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            aria-invalid={error !== ""}
            aria-describedby={error ? `${inputId}-error` : undefined}
          />
          <button type="submit">Commit prediction</button>
          {error && (
            <span id={`${inputId}-error`} className="predict-error" role="alert">
              {error}
            </span>
          )}
        </form>
      )}
      {unsaved && <p className="predict-note">Your prediction stands, but {NOT_SAVED_NOTE}</p>}
      <p className="visually-hidden" aria-live="polite">
        {record && shown !== null ? `The run gave ${formatAnswer(shown, unit)}.` : ""}
      </p>
    </div>
  );
}
