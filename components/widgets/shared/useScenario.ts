import { useCallback, useEffect, useRef, useState } from "react";
import {
  clearScenario,
  loadScenario,
  saveScenario,
  scenarioKey,
  widgetStorage,
} from "./savedScenario";
import {
  checkValues,
  fallbackValues,
  queryFromValues,
  rawValuesFromQuery,
  type Schema,
  type ValueSource,
  type ValuesOf,
} from "./scenario";

type NotesBySource = Record<ValueSource, readonly string[]>;

const NO_NOTES: NotesBySource = { lesson: [], storage: [], link: [], snippet: [] };

/** A widget's scenario state, and the ways it changes. */
export interface ScenarioState<S extends Schema> {
  values: ValuesOf<S>;
  /** Sets one value from a control (already in range); it is remembered. */
  set: <K extends keyof S & string>(key: K, value: ValuesOf<S>[K]) => void;
  /**
   * Checks outside values (a link's, a snippet's), applies what is usable
   * and shows a note for each value that had to change.
   */
  apply: (
    raw: Readonly<Record<string, unknown>>,
    source: ValueSource,
    extraNotes?: readonly string[],
  ) => void;
  /** Back to the lesson's values, forgetting the remembered ones. */
  reset: () => void;
  /** The notes of every source, the latest of each. */
  notes: string[];
  dismissNotes: () => void;
  /** The scenario as query text, for a share link. */
  query: string;
}

function firstState<S extends Schema>(schema: S, initial: Readonly<Record<string, unknown>>) {
  const checked = checkValues(schema, initial, "lesson");
  const notes: NotesBySource = { ...NO_NOTES, lesson: checked.notes };
  return { values: { ...fallbackValues(schema), ...checked.values }, notes };
}

function storageKeyOf(prefix: string): string {
  return scenarioKey(window.location.pathname, prefix);
}

const UNSAVED = {
  full: "Your settings are not remembered: the browser's storage is full. They stay until you leave the page.",
  unavailable: "Your settings are not remembered: this browser does not let the page keep them.",
} as const;

/**
 * Holds a widget's values. The first render uses the schema's fallbacks and
 * the lesson's `initial` values (the same on the server and on hydration);
 * then, once mounted, the page's link is applied or, when it carries none
 * for this widget, the values the reader left here last time. Either is
 * checked like any outside value. A reader's own moves are remembered; a
 * link's or a snippet's values alone are not, so opening a shared link
 * does not overwrite the reader's saved scenario.
 */
export function useScenario<S extends Schema>(
  schema: S,
  prefix: string,
  initial: Readonly<Record<string, unknown>> = {},
): ScenarioState<S> {
  // The lesson's state, computed once: the first render and Reset's target.
  const [lessonState] = useState(() => firstState(schema, initial));
  const [state, setState] = useState(lessonState);
  const readerMoved = useRef(false);

  const apply = useCallback(
    (
      raw: Readonly<Record<string, unknown>>,
      source: ValueSource,
      extraNotes: readonly string[] = [],
    ) => {
      const checked = checkValues(schema, raw, source);
      setState((current) => ({
        values: { ...current.values, ...checked.values },
        notes: { ...current.notes, [source]: [...checked.notes, ...extraNotes] },
      }));
    },
    [schema],
  );

  useEffect(
    function readLinkOrSavedOnce() {
      const raw = rawValuesFromQuery(window.location.search, prefix);
      if (Object.keys(raw).length > 0) {
        apply(raw, "link");
        return;
      }
      const saved = loadScenario(widgetStorage(), storageKeyOf(prefix));
      if (saved.kind === "values") apply(saved.raw, "storage");
      if (saved.kind === "corrupt") {
        apply({}, "storage", [
          "Your saved settings could not be read; showing the lesson's values.",
        ]);
      }
    },
    [apply, prefix],
  );

  useEffect(
    function rememberReaderValues() {
      if (!readerMoved.current) return;
      const outcome = saveScenario(widgetStorage(), storageKeyOf(prefix), state.values);
      if (outcome === "saved") return;
      const note = UNSAVED[outcome];
      setState((current) =>
        current.notes.storage.includes(note)
          ? current
          : { ...current, notes: { ...current.notes, storage: [note] } },
      );
    },
    [state.values, prefix],
  );

  const set = useCallback(<K extends keyof S & string>(key: K, value: ValuesOf<S>[K]) => {
    readerMoved.current = true;
    setState((current) => ({ ...current, values: { ...current.values, [key]: value } }));
  }, []);

  const reset = useCallback(() => {
    readerMoved.current = false;
    clearScenario(widgetStorage(), storageKeyOf(prefix));
    setState(lessonState);
  }, [lessonState, prefix]);

  const dismissNotes = useCallback(() => {
    setState((current) => ({ ...current, notes: NO_NOTES }));
  }, []);

  const { lesson, storage, link, snippet } = state.notes;
  return {
    values: state.values,
    set,
    apply,
    reset,
    notes: [...lesson, ...storage, ...link, ...snippet],
    dismissNotes,
    query: queryFromValues(schema, state.values, prefix),
  };
}
