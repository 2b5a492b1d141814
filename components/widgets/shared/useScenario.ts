import { useCallback, useEffect, useState } from "react";
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

/** A widget's scenario state, and the ways it changes. */
export interface ScenarioState<S extends Schema> {
  values: ValuesOf<S>;
  /** Sets one value from a control (already in range). */
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
  /** The notes of every source, the latest of each. */
  notes: string[];
  dismissNotes: () => void;
  /** The scenario as query text, for a share link. */
  query: string;
}

/**
 * Holds a widget's values. The first render uses the schema's fallbacks and
 * the lesson's `initial` values (the same on the server and on hydration);
 * then, once mounted, the values in the page's link are checked and applied.
 */
export function useScenario<S extends Schema>(
  schema: S,
  prefix: string,
  initial: Readonly<Record<string, unknown>> = {},
): ScenarioState<S> {
  const [state, setState] = useState(() => {
    const checked = checkValues(schema, initial, "lesson");
    const notes: NotesBySource = { lesson: checked.notes, link: [], snippet: [] };
    return { values: { ...fallbackValues(schema), ...checked.values }, notes };
  });

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
    function readLinkOnce() {
      const raw = rawValuesFromQuery(window.location.search, prefix);
      if (Object.keys(raw).length > 0) apply(raw, "link");
    },
    [apply, prefix],
  );

  const set = useCallback(<K extends keyof S & string>(key: K, value: ValuesOf<S>[K]) => {
    setState((current) => ({ ...current, values: { ...current.values, [key]: value } }));
  }, []);

  const dismissNotes = useCallback(() => {
    setState((current) => ({ ...current, notes: { lesson: [], link: [], snippet: [] } }));
  }, []);

  const { lesson, link, snippet } = state.notes;
  return {
    values: state.values,
    set,
    apply,
    notes: [...lesson, ...link, ...snippet],
    dismissNotes,
    query: queryFromValues(schema, state.values, prefix),
  };
}
