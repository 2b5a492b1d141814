import { useEffect, useId, useMemo, useRef, useState } from "react";
import { formatUsd, type RaceResult } from "cost";
import { ChoiceField } from "../widgets/shared/ChoiceField";
import { LiveRegion } from "../widgets/shared/LiveRegion";
import { NumberField } from "../widgets/shared/NumberField";
import "../widgets/shared/widgets.css";
import { BudgetGauge } from "./BudgetGauge";
import {
  describeFrame,
  lanesAt,
  ledgerAt,
  longestSteps,
  summaryOf,
  timeAt,
  timelineOf,
  type LaneView,
} from "./frames";
import { PHASES, RaceLanes } from "./RaceLanes";
import {
  GUARDS,
  MAX_BURST,
  runScenario,
  WORKED_SCENARIO,
  type GuardName,
  type RaceScenario,
} from "./scenario";
import { traceDigest } from "./traceDigest";
import { SPEEDS, usePlayback, type Playback, type Speed } from "./usePlayback";
import { useSnippetRace, type SnippetRaceState } from "./useSnippetRace";
import "./RaceAnimation.css";

export interface RaceAnimationProps {
  /** Element id; change it to put two on one page. */
  id?: string;
  /** The race shown first: computed at build time from `scenario`. */
  initial: RaceResult;
  /** The scenario `initial` ran; missing fields are the worked check's. */
  scenario?: Partial<RaceScenario>;
  /**
   * The id of the snippet whose `callModel` the race runs once the reader
   * runs it (one race per snippet). Until then `scenario.guard`, the
   * snippet's code as shipped, runs in the page.
   */
  snippet?: string;
}

/** The guards a reader can pick; the leaky one only matters when calls fail. */
function guardOptions(failureRate: number): { value: GuardName; label: string }[] {
  const names = Object.keys(GUARDS) as GuardName[];
  return names
    .filter((name) => failureRate > 0 || name !== "reserve-no-release")
    .map((value) => ({ value, label: GUARDS[value].label }));
}

/**
 * The budget race: a burst of concurrent calls through one guard, as lanes
 * along virtual time and a gauge of the tenant's month, stepped frame by
 * frame. The first state (the whole race, from `initial`) reads the same
 * before and after hydration; then it plays, unless the reader prefers
 * reduced motion.
 */
export default function RaceAnimation(props: RaceAnimationProps) {
  const { id = "race", initial, scenario, snippet } = props;
  const [settings, setSettings] = useState<RaceScenario>({ ...WORKED_SCENARIO, ...scenario });
  const [race, setRace] = useState({ result: initial, serial: 0 });
  const firstSettings = useRef(settings);
  const show = (result: RaceResult) => setRace((last) => ({ result, serial: last.serial + 1 }));
  const driven = useSnippetRace(snippet, settings, show);
  const fromSnippet = snippet !== undefined && driven.hasRun;

  useEffect(
    function rerunOnChange() {
      // Once the reader has run the snippet, its probe re-runs the race.
      if (settings === firstSettings.current || fromSnippet) return;
      let current = true;
      runScenario(settings).then((result) => {
        if (current) show(result);
      });
      return () => {
        current = false;
      };
    },
    [settings, fromSnippet],
  );

  const timeline = useMemo(() => timelineOf(race.result), [race.result]);
  const tallest = useMemo(() => longestSteps(timeline), [timeline]);
  const digest = useMemo(() => traceDigest(race.result.trace), [race.result]);
  const playback = usePlayback(timeline.frames.length, String(race.serial));
  const { cursor } = playback;
  const ledger = ledgerAt(timeline, cursor);
  const lanes = lanesAt(timeline, cursor);
  const step = describeFrame(timeline, cursor);
  const summary = summaryOf(race.result);
  const change = <K extends keyof RaceScenario>(key: K, value: RaceScenario[K]) =>
    setSettings((last) => ({ ...last, [key]: value }));

  return (
    <section
      className="widget race"
      id={id}
      // Several races on a page each need their own name: add the snippet's.
      aria-labelledby={snippet === undefined ? `${id}-title` : `${id}-title ${id}-guard`}
      aria-busy={driven.running && snippet !== undefined}
      data-race-snippet={snippet}
      data-trace={digest}
    >
      {/* The id sits on a span: the page gives headings with an id a "#" link
          before hydration, which would not match what React renders. */}
      <h3 className="widget-title">
        <span id={`${id}-title`}>Concurrent calls against one budget</span>
      </h3>
      {snippet === undefined ? null : (
        <SnippetSource id={`${id}-guard`} snippet={snippet} state={driven} />
      )}
      <div className="widget-controls">
        {snippet === undefined ? (
          <ChoiceField
            legend="Guard"
            options={guardOptions(settings.failureRate)}
            value={settings.guard}
            onChange={(guard) => change("guard", guard)}
          />
        ) : null}
        <NumberField
          label="Calls at once"
          unit="calls"
          whole
          min={1}
          max={MAX_BURST}
          value={settings.requests}
          onChange={(requests) => change("requests", requests)}
        />
        <NumberField
          label="Monthly limit"
          unit="USD"
          min={0.05}
          max={5}
          step={0.05}
          value={settings.limit}
          onChange={(limit) => change("limit", limit)}
          hint={`Already spent this month: ${formatUsd(settings.spent)}.`}
        />
        <div className="widget-field race-seed">
          <span className="widget-field-label">Latencies</span>
          <button
            type="button"
            className="widget-button"
            onClick={() => change("seed", settings.seed + 1)}
          >
            New seed
          </button>
          <span className="widget-hint">{`Seed ${settings.seed}`}</span>
        </div>
      </div>
      <BudgetGauge ledger={ledger} most={mostOf(race.result)} />
      <RaceLanes
        lanes={lanes}
        trace={race.result.trace}
        time={timeAt(timeline, cursor)}
        label={lanesLabel(lanes, timeAt(timeline, cursor))}
      />
      <ul className="chart-legend race-legend">
        {PHASES.map(({ phase, label }) => (
          <li key={phase}>
            <span className={`chart-swatch race-${phase}`} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      <Player playback={playback} total={timeline.frames.length} step={step} />
      <StepLine step={step} tallest={tallest} />
      <p className="widget-summary race-summary" data-testid="race-summary">
        {summary}
      </p>
      <LiveRegion
        message={playback.playing || cursor === timeline.frames.length ? summary : step}
      />
    </section>
  );
}

/**
 * The frame's sentence, over the race's longest sentences laid out unseen
 * in the same grid cell: the line is as tall as its tallest frame at any
 * width, from the server's HTML on, so playing moves nothing below it.
 */
function StepLine({ step, tallest }: { step: string; tallest: readonly string[] }) {
  return (
    <p className="race-step">
      <span className="race-step-now" data-testid="race-step">
        {step}
      </span>
      {tallest.map((sentence) => (
        <span key={sentence} className="race-step-room" aria-hidden="true" data-pagefind-ignore>
          {sentence}
        </span>
      ))}
    </p>
  );
}

/** Says which code the race runs, and how the reader's last run went. */
interface SnippetSourceProps {
  /** The id of the line that names the snippet, part of the widget's name. */
  id: string;
  snippet: string;
  state: SnippetRaceState;
}

function SnippetSource({ id, snippet, state }: SnippetSourceProps) {
  const notice = state.running ? "Running your callModel in the sandbox…" : state.notice;
  return (
    <p
      className="race-source"
      data-testid="race-source"
      data-tone={state.running ? "info" : state.tone}
      role="status"
    >
      <span className="race-source-label" id={id}>
        {`Guard: callModel from the snippet “${snippet}”. `}
      </span>
      {notice}
    </p>
  );
}

/** The largest amount the gauge must show over the race, in USD. */
function mostOf(result: RaceResult): number {
  const used = result.trace.map((event) => event.committed + event.held);
  return Math.max(result.limit, result.spent, ...used);
}

function lanesLabel(lanes: readonly LaneView[], time: number): string {
  const waiting = lanes.filter((lane) => lane.active !== null).length;
  const count = lanes.length;
  return (
    `${count} ${count === 1 ? "request" : "requests"} at ${time.toLocaleString("en-US")} ms` +
    ` of virtual time; ${waiting} waiting on the store or the model.`
  );
}

interface PlayerProps {
  playback: Playback;
  total: number;
  /** The frame's sentence, read out as the scrubber's value. */
  step: string;
}

/** Play, pause, step and scrub through the frames, and pick a speed. */
function Player({ playback, total, step }: PlayerProps) {
  const id = useId();
  const { cursor, playing, speed } = playback;
  return (
    <div className="race-player" role="group" aria-label="Playback">
      <button
        type="button"
        className="widget-button"
        onClick={() => playback.step(-1)}
        disabled={cursor === 0}
        aria-label="Step back"
      >
        ◀
      </button>
      <button
        type="button"
        className="widget-button race-play"
        onClick={playing ? playback.pause : playback.play}
      >
        {playing ? "Pause" : cursor >= total ? "Replay" : "Play"}
      </button>
      <button
        type="button"
        className="widget-button"
        onClick={() => playback.step(1)}
        disabled={cursor >= total}
        aria-label="Step forward"
      >
        ▶
      </button>
      <input
        type="range"
        className="widget-range race-scrub"
        aria-label="Position in the race"
        aria-valuetext={`Step ${cursor} of ${total}. ${step}`}
        min={0}
        max={total}
        step={1}
        value={cursor}
        onChange={(event) => playback.seek(Number(event.target.value))}
      />
      <label className="race-speed" htmlFor={`${id}-speed`}>
        Speed
      </label>
      <select
        id={`${id}-speed`}
        className="widget-number race-speed-select"
        value={speed}
        onChange={(event) => playback.setSpeed(Number(event.target.value) as Speed)}
      >
        {SPEEDS.map((option) => (
          <option key={option} value={option}>{`${option}×`}</option>
        ))}
      </select>
    </div>
  );
}
