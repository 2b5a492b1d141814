import { useEffect, useRef, useState } from "react";
import {
  setProbe,
  subscribeRuns,
  type SandboxValue,
  type SnippetRun,
} from "../../../src/notebook/store";

/**
 * Calls `onRun` with every run of the snippet `snippetId` (the latest one
 * first, if the reader already ran it), and returns the latest run. Without
 * a snippet id the widget stands alone and nothing is subscribed.
 */
export function useSnippetRuns(
  snippetId: string | undefined,
  onRun: (run: SnippetRun) => void,
): SnippetRun | null {
  const [latest, setLatest] = useState<SnippetRun | null>(null);
  const handler = useRef(onRun);
  handler.current = onRun;

  useEffect(
    function followSnippetRuns() {
      if (!snippetId) return;
      return subscribeRuns(snippetId, (run) => {
        setLatest(run);
        handler.current(run);
      });
    },
    [snippetId],
  );

  return latest;
}

/**
 * Registers a probe for `snippetId`: `source` is run in the sandbox after
 * each run of the snippet, with its exports and `input`, and its result
 * arrives as the run's `probe`. Re-registers when `input` changes.
 */
export function useSnippetProbe(
  snippetId: string | undefined,
  source: string,
  input: SandboxValue,
): void {
  const inputKey = JSON.stringify(input);
  useEffect(
    function registerProbe() {
      if (!snippetId) return;
      setProbe(snippetId, { source, input: JSON.parse(inputKey) as SandboxValue });
    },
    [snippetId, source, inputKey],
  );
}
