/**
 * A widget's values as the reader left them, kept in localStorage per page
 * and widget so that a reload finds the sliders where they were. What comes
 * back is raw: the widget checks it like a link's values, because storage
 * can hold anything (an older schema, a hand edit, a damaged write).
 */

/** The storage a widget uses; `window.localStorage` in the browser. */
export type ScenarioStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export type LoadedScenario =
  | { kind: "none" }
  | { kind: "values"; raw: Record<string, unknown> }
  /** The entry exists but is not an object of values. */
  | { kind: "corrupt" };

export type ScenarioSaveOutcome = "saved" | "full" | "unavailable";

const KEY_PREFIX = "crux:widget:v1";

/** The storage key of one widget on one page. */
export function scenarioKey(page: string, prefix: string): string {
  return `${KEY_PREFIX}:${page}:${prefix}`;
}

/** The default storage, or null where the browser refuses it. */
export function widgetStorage(): ScenarioStorage | null {
  try {
    return window.localStorage ?? null;
  } catch {
    return null;
  }
}

export function loadScenario(storage: ScenarioStorage | null, key: string): LoadedScenario {
  let text: string | null = null;
  try {
    text = storage?.getItem(key) ?? null;
  } catch {
    return { kind: "none" };
  }
  if (text === null) return { kind: "none" };
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data === "object" && data !== null && !Array.isArray(data)) {
      return { kind: "values", raw: data as Record<string, unknown> };
    }
  } catch {
    // Falls through: not JSON at all.
  }
  return { kind: "corrupt" };
}

export function saveScenario(
  storage: ScenarioStorage | null,
  key: string,
  values: Readonly<Record<string, unknown>>,
): ScenarioSaveOutcome {
  if (!storage) return "unavailable";
  try {
    storage.setItem(key, JSON.stringify(values));
    return "saved";
  } catch (error) {
    const quota =
      error instanceof Error &&
      (error.name === "QuotaExceededError" || /quota/i.test(error.message));
    return quota ? "full" : "unavailable";
  }
}

/** Forgets the saved values; false when storage refused. */
export function clearScenario(storage: ScenarioStorage | null, key: string): boolean {
  try {
    storage?.removeItem(key);
    return storage !== null;
  } catch {
    return false;
  }
}
