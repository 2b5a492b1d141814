import { useEffect, useRef, useState } from "react";
import type { RaceResult } from "cost";
import { setProbe, subscribeRuns, type SandboxValue } from "../../src/notebook/store";
import type { RaceScenario } from "./scenario";
import {
  probeInputOf,
  RACE_PROBE,
  raceFromRun,
  StepCollector,
  type RaceInput,
} from "./snippetRace";

/** Where the race on screen came from, and what the reader should know. */
export interface SnippetRaceState {
  /** True once the reader has run the snippet on this page. */
  hasRun: boolean;
  /** True while a run with the widget's settings is on its way. */
  running: boolean;
  notice: string;
  tone: "info" | "error";
}

const BEFORE_RUN =
  "This race runs the snippet's code as shipped. Edit the snippet and press Run: " +
  "the race re-runs with your callModel.";

/**
 * Drives the race from the snippet `snippetId`: registers the race probe
 * with `scenario`'s settings (which re-runs the snippet once the reader has
 * run it), collects the steps it reports, and calls `show` with each race
 * that comes back. Without a snippet id it does nothing.
 */
export function useSnippetRace(
  snippetId: string | undefined,
  scenario: RaceScenario,
  show: (result: RaceResult) => void,
): SnippetRaceState {
  const [state, setState] = useState<SnippetRaceState>({
    hasRun: false,
    running: false,
    notice: BEFORE_RUN,
    tone: "info",
  });
  const sent = useRef<RaceInput>(probeInputOf(scenario));
  const collector = useRef(new StepCollector(() => sent.current.requests));
  const showRef = useRef(show);
  showRef.current = show;

  useEffect(
    function followSnippetRuns() {
      if (!snippetId) return;
      return subscribeRuns(snippetId, (run) => {
        const outcome = raceFromRun(run, sent.current, collector.current.take());
        if (outcome === null) {
          setState((last) => ({ ...last, hasRun: true }));
          return;
        }
        if (outcome.kind === "race") showRef.current(outcome.result);
        const tone = outcome.kind === "race" ? outcome.tone : "error";
        setState({ hasRun: true, running: false, notice: outcome.notice, tone });
      });
    },
    [snippetId],
  );

  const input = probeInputOf(scenario);
  const inputKey = JSON.stringify(input);
  useEffect(
    function registerRaceProbe() {
      if (!snippetId) return;
      sent.current = JSON.parse(inputKey) as RaceInput;
      setProbe(snippetId, {
        source: RACE_PROBE,
        // JSON data, which is what a SandboxValue is.
        input: JSON.parse(inputKey) as SandboxValue,
        onReport(report) {
          // A run the reader started shows as running once its race begins.
          if (collector.current.add(report)) {
            setState((last) => (last.running ? last : { ...last, running: true }));
          }
        },
      });
      // setProbe re-runs the snippet only once the reader has run it.
      setState((last) => (last.hasRun ? { ...last, running: true } : last));
    },
    [snippetId, inputKey],
  );

  return state;
}
