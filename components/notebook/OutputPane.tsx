import type { ReactElement } from "react";
import type { TypeProblem } from "../../src/notebook/codeEditor";
import { positionText } from "../../src/notebook/messages";
import type { OutputEntry, RunResult } from "../../src/notebook/runSnippet";
import { ValueView } from "./ValueView";

interface OutputPaneProps {
  result: RunResult | null;
  /** Which run the result is from; tests and the bench wait on it. */
  resultRun: number;
  running: boolean;
  /** The type errors the editor reports for the code as it stands. */
  typeProblems: TypeProblem[];
}

/** A one-line summary, announced politely to screen readers. */
export function statusText(result: RunResult | null, running: boolean): string {
  if (running) return "Running…";
  if (!result) return "Not run yet. Press Run (Ctrl+Enter) to run the code.";
  if (result.status === "timeout") return "Stopped: the code ran too long.";
  if (result.status === "error") return `Error: ${result.message ?? "see below"}`;
  const lines = result.entries.filter((entry) => entry.kind === "console").length;
  const exports = result.exports?.length ?? 0;
  const parts = [`Ran in ${Math.round(result.compileMs + result.runMs)} ms`];
  if (lines > 0) parts.push(`${lines} ${lines === 1 ? "line" : "lines"} of output`);
  if (exports > 0) parts.push(`${exports} ${exports === 1 ? "export" : "exports"}`);
  return `${parts.join(", ")}.`;
}

/** What a run printed, exported and threw. */
export function OutputPane(props: OutputPaneProps): ReactElement {
  const { result, resultRun, running, typeProblems } = props;
  const state = running ? "running" : (result?.status ?? "idle");
  return (
    <div
      className="notebook-output"
      data-state={state}
      data-compile-ms={result?.compileMs.toFixed(2)}
      data-run-ms={result?.runMs.toFixed(2)}
      data-run={resultRun}
    >
      <p className="notebook-status" role="status" aria-live="polite">
        {statusText(result, running)}
      </p>
      {typeProblems.length > 0 ? <TypeNotes problems={typeProblems} /> : null}
      {result ? (
        <>
          <ol className="notebook-entries" aria-label="Output">
            {result.entries.map((entry, index) => (
              <Entry key={index} entry={entry} />
            ))}
          </ol>
          {result.exports && result.exports.length > 0 ? <Exports entries={result.exports} /> : null}
        </>
      ) : null}
    </div>
  );
}

function TypeNotes({ problems }: { problems: TypeProblem[] }): ReactElement {
  return (
    <div className="notebook-type-notes">
      <p>
        TypeScript reports {problems.length === 1 ? "a type error" : `${problems.length} type errors`}{" "}
        (the code still runs, as JavaScript would):
      </p>
      <ul>
        {problems.slice(0, 10).map((problem, index) => (
          <li key={index}>
            <span className="notebook-at">{positionText(problem.line, problem.column)}</span>:{" "}
            {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Entry({ entry }: { entry: OutputEntry }): ReactElement {
  if (entry.kind === "note") return <li className="notebook-note">{entry.message}</li>;
  if (entry.kind === "error") {
    return (
      <li className="notebook-error">
        <strong>{entry.title}</strong>
        {entry.at ? (
          <span className="notebook-at">
            {" "}
            at {entry.at.source === "probe" ? "the widget's probe, " : ""}
            {positionText(entry.at.line, entry.at.column)}
          </span>
        ) : null}
        <p>{entry.message}</p>
      </li>
    );
  }
  return (
    <li className={`notebook-console notebook-console-${entry.level}`}>
      {entry.args.map((arg, index) => (
        <span key={index} className="notebook-arg">
          {index > 0 ? " " : null}
          <ValueView value={arg} bare open={entry.level === "table"} />
        </span>
      ))}
    </li>
  );
}

function Exports({ entries }: { entries: NonNullable<RunResult["exports"]> }): ReactElement {
  return (
    <div className="notebook-exports">
      <h4>Exports</h4>
      <dl>
        {entries.map(([name, value]) => (
          <div key={name} className="notebook-export">
            <dt>{name}</dt>
            <dd>
              <ValueView value={value} open={entries.length <= 4} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
