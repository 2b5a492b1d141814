/**
 * The reader's progress, kept in this browser only: which quizzes they
 * answered (and whether rightly) and which predictions they committed.
 * Storage may be disabled or full; every call then degrades to "nothing
 * saved" and says so through the returned flag, never by throwing.
 */

export const PROGRESS_KEY = "crux:progress:v1";
/** Every key Crux writes starts with this; "erase my data" removes them. */
export const STORAGE_PREFIX = "crux:";

export interface QuizRecord {
  choice: string;
  correct: boolean;
}

export interface PredictionRecord {
  /** What the reader committed, in the prediction's unit (USD or a rate). */
  guess: number;
  /** What the run produced, once it ran. */
  actual?: number;
}

export interface Progress {
  quizzes: Record<string, QuizRecord>;
  predictions: Record<string, PredictionRecord>;
}

function emptyProgress(): Progress {
  return { quizzes: {}, predictions: {} };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keeps the well-formed entries of a stored value and drops the rest. */
export function progressFromJson(text: string | null): Progress {
  if (!text) return emptyProgress();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return emptyProgress();
  }
  const progress = emptyProgress();
  if (!isRecord(parsed)) return progress;
  if (isRecord(parsed.quizzes)) {
    for (const [id, entry] of Object.entries(parsed.quizzes)) {
      if (
        isRecord(entry) &&
        typeof entry.choice === "string" &&
        typeof entry.correct === "boolean"
      ) {
        progress.quizzes[id] = { choice: entry.choice, correct: entry.correct };
      }
    }
  }
  if (isRecord(parsed.predictions)) {
    for (const [id, entry] of Object.entries(parsed.predictions)) {
      if (!isRecord(entry) || !Number.isFinite(entry.guess)) continue;
      const record: PredictionRecord = { guess: entry.guess as number };
      if (Number.isFinite(entry.actual)) record.actual = entry.actual as number;
      progress.predictions[id] = record;
    }
  }
  return progress;
}

export function loadProgress(storage: Storage | null = safeStorage()): Progress {
  try {
    return progressFromJson(storage?.getItem(PROGRESS_KEY) ?? null);
  } catch {
    return emptyProgress();
  }
}

/** Applies `change` to the stored progress; false when it could not be saved. */
export function updateProgress(
  change: (progress: Progress) => void,
  storage: Storage | null = safeStorage(),
): boolean {
  const progress = loadProgress(storage);
  change(progress);
  try {
    if (!storage) return false;
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    notifyProgressChanged();
    return true;
  } catch {
    return false;
  }
}

/** How a quiz or prediction ends "… but " when the browser would not save it. */
export const NOT_SAVED_NOTE =
  "this browser did not let Crux save it (storage is off or full), so it " +
  "counts for this visit only.";

/** Removes every key Crux wrote except the theme; returns how many. */
export function eraseAllData(storage: Storage | null = safeStorage()): number {
  if (!storage) return 0;
  const keys: string[] = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key?.startsWith(STORAGE_PREFIX) && key !== "crux:theme") keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
  notifyProgressChanged();
  return keys.length;
}

/** localStorage, or null where the browser refuses it. */
export function safeStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}

const PROGRESS_EVENT = "crux:progress";

function notifyProgressChanged(): void {
  if (typeof window !== "undefined") window.dispatchEvent(new Event(PROGRESS_EVENT));
}

/** Calls `listener` whenever progress changes, here or in another tab. */
export function onProgressChanged(listener: () => void): () => void {
  const onStorage = (event: StorageEvent): void => {
    if (event.key === null || event.key === PROGRESS_KEY) listener();
  };
  window.addEventListener(PROGRESS_EVENT, listener);
  window.addEventListener("storage", onStorage);
  return () => {
    window.removeEventListener(PROGRESS_EVENT, listener);
    window.removeEventListener("storage", onStorage);
  };
}
