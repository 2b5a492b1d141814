/**
 * A reader's edits, kept per snippet in localStorage. The key names the
 * lesson and the snippet; the entry records a hash of the original it was
 * made from, so a lesson that changed its snippet since is noticed (and the
 * reader keeps their version until they reset). The version in the key
 * lets a later format live beside this one instead of replacing it.
 */

/** The storage a cell uses; `window.localStorage` in the browser. */
export type EditStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** What one saved entry holds. */
export interface SavedEdit {
  code: string;
  /** `hashOfSource` of the original the edit started from. */
  originalHash: string;
  /** When it was saved, in milliseconds since the epoch. */
  savedAt: number;
}

export type LoadedEdit =
  | { kind: "none" }
  /** `originalHash` is the hash stored with the edit; keep it when saving again. */
  | { kind: "edit"; code: string; originalHash: string; originalChanged: boolean }
  /** The entry exists but cannot be read; it is left in place. */
  | { kind: "corrupt" }
  | { kind: "unavailable" };

export type SaveOutcome = "saved" | "full" | "unavailable";

const KEY_PREFIX = "crux:snippet:v1";
/** Longest snippet kept, in characters (100,000). */
export const MAX_SAVED_CHARS = 100_000;

/** The storage key of one snippet's edit. */
export function editKey(lesson: string, snippetId: string): string {
  return `${KEY_PREFIX}:${lesson}:${snippetId}`;
}

/**
 * A short, stable fingerprint of a text: FNV-1a over its UTF-16 code units
 * in 52 bits, as 13 hex digits. For noticing change, not for security.
 */
export function hashOfSource(text: string): string {
  let hash = 0xcbf29ce484222325n & 0xfffffffffffffn;
  const prime = 0x100000001b3n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & 0xfffffffffffffn;
  }
  return hash.toString(16).padStart(13, "0");
}

/** The default storage, or null where the browser refuses it. */
export function browserStorage(): EditStorage | null {
  try {
    const storage = window.localStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}

function parseEdit(raw: string): SavedEdit | null {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const entry = data as Record<string, unknown>;
  if (typeof entry.code !== "string" || typeof entry.originalHash !== "string") return null;
  const savedAt = typeof entry.savedAt === "number" ? entry.savedAt : 0;
  return { code: entry.code, originalHash: entry.originalHash, savedAt };
}

/** The reader's saved edit of a snippet whose original text is `original`. */
export function loadEdit(
  storage: EditStorage | null,
  lesson: string,
  snippetId: string,
  original: string,
): LoadedEdit {
  if (!storage) return { kind: "unavailable" };
  let raw: string | null;
  try {
    raw = storage.getItem(editKey(lesson, snippetId));
  } catch {
    return { kind: "unavailable" };
  }
  if (raw === null) return { kind: "none" };
  const edit = parseEdit(raw);
  if (!edit) return { kind: "corrupt" };
  return {
    kind: "edit",
    code: edit.code,
    originalHash: edit.originalHash,
    originalChanged: edit.originalHash !== hashOfSource(original),
  };
}

/**
 * Saves `code` as the reader's edit. Saving the original text itself
 * removes the entry, so a snippet edited back to the original is not
 * marked edited.
 */
export function saveEdit(
  storage: EditStorage | null,
  lesson: string,
  snippetId: string,
  original: string,
  code: string,
  originalHash: string = hashOfSource(original),
): SaveOutcome {
  if (!storage) return "unavailable";
  const key = editKey(lesson, snippetId);
  try {
    if (code === original) {
      storage.removeItem(key);
      return "saved";
    }
    if (code.length > MAX_SAVED_CHARS) return "full";
    const entry: SavedEdit = { code, originalHash, savedAt: Date.now() };
    storage.setItem(key, JSON.stringify(entry));
    return "saved";
  } catch (error) {
    return isQuotaError(error) ? "full" : "unavailable";
  }
}

/** Removes the reader's edit; false when storage refused. */
export function clearEdit(storage: EditStorage | null, lesson: string, snippetId: string): boolean {
  if (!storage) return false;
  try {
    storage.removeItem(editKey(lesson, snippetId));
    return true;
  } catch {
    return false;
  }
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === "QuotaExceededError" || /quota/i.test(error.message);
}

/** Where an entry that could not be read is kept once the reader saves anew. */
export function damagedKey(lesson: string, snippetId: string): string {
  return `${editKey(lesson, snippetId)}:damaged`;
}

/**
 * Moves an unreadable entry aside (to `damagedKey`) so a new save does not
 * destroy it; true when it was moved or there was nothing to move.
 */
export function setAsideDamaged(
  storage: EditStorage | null,
  lesson: string,
  snippetId: string,
): boolean {
  if (!storage) return false;
  const key = editKey(lesson, snippetId);
  try {
    const raw = storage.getItem(key);
    if (raw === null) return true;
    storage.setItem(damagedKey(lesson, snippetId), raw);
    storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the reader's own edits wait when code from a share link, which the
 * reader then changed, takes their place: a JSON list of raw entries,
 * newest last.
 */
export function setAsideKey(lesson: string, snippetId: string): string {
  return `${editKey(lesson, snippetId)}:set-aside`;
}

/** The set-aside list; null when it cannot be read (it is then left alone). */
function readSetAside(storage: EditStorage, key: string): string[] | null {
  const raw = storage.getItem(key);
  if (raw === null) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) && list.every((item) => typeof item === "string") ? list : null;
  } catch {
    return null;
  }
}

/**
 * Moves the reader's saved edit to the end of the set-aside list, so a save
 * of other code does not destroy it; true when it was moved or there was
 * nothing to move, false when storage refused or the list is damaged.
 */
export function setAsideEdit(
  storage: EditStorage | null,
  lesson: string,
  snippetId: string,
): boolean {
  if (!storage) return false;
  const key = editKey(lesson, snippetId);
  const asideKey = setAsideKey(lesson, snippetId);
  try {
    const raw = storage.getItem(key);
    if (raw === null) return true;
    const list = readSetAside(storage, asideKey);
    if (!list) return false;
    storage.setItem(asideKey, JSON.stringify([...list, raw]));
    storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/** How many of the reader's edits of a snippet are set aside (0 when unreadable). */
export function setAsideCount(
  storage: EditStorage | null,
  lesson: string,
  snippetId: string,
): number {
  if (!storage) return 0;
  try {
    return readSetAside(storage, setAsideKey(lesson, snippetId))?.length ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Makes the newest set-aside edit the saved edit again and returns it. The
 * saved edit it replaces, if any, is set aside in its place, so nothing is
 * lost: bringing back twice swaps back.
 */
export function bringBackSetAside(
  storage: EditStorage | null,
  lesson: string,
  snippetId: string,
  original: string,
): LoadedEdit {
  if (!storage) return { kind: "unavailable" };
  const key = editKey(lesson, snippetId);
  const asideKey = setAsideKey(lesson, snippetId);
  try {
    const list = readSetAside(storage, asideKey);
    if (!list) return { kind: "corrupt" };
    const newest = list.at(-1);
    if (newest === undefined) return { kind: "none" };
    if (!parseEdit(newest)) return { kind: "corrupt" };
    // Each step leaves every edit stored somewhere, should the next one fail.
    const current = storage.getItem(key);
    if (current !== null) storage.setItem(asideKey, JSON.stringify([...list, current]));
    storage.setItem(key, newest);
    const rest = [...list.slice(0, -1), ...(current === null ? [] : [current])];
    if (rest.length > 0) storage.setItem(asideKey, JSON.stringify(rest));
    else storage.removeItem(asideKey);
  } catch {
    return { kind: "unavailable" };
  }
  return loadEdit(storage, lesson, snippetId, original);
}
