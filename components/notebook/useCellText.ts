import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import {
  bringBackSetAside,
  browserStorage,
  clearEdit,
  hashOfSource,
  loadEdit,
  saveEdit,
  setAsideCount,
  setAsideDamaged,
  setAsideEdit,
  type EditStorage,
} from "../../src/notebook/savedEdits";
import { readShareHash, type SharedEdit } from "../../src/notebook/shareLink";

/** How long typing pauses before the edit is saved (300 ms). */
const SAVE_DELAY_MS = 300;

export interface Notice {
  id: string;
  tone: "info" | "warn" | "danger";
  text: string;
  /** A button the notice offers, such as bringing back a set-aside edit. */
  action?: { label: string; onClick(): void };
}

/** Where the text in the cell came from. */
export type TextOrigin = "original" | "saved" | "shared";

export interface CellText {
  code: string;
  /** The current text, for callbacks that must not wait for a render. */
  codeRef: RefObject<string>;
  origin: TextOrigin;
  edited: boolean;
  notices: Notice[];
  /** Bumped when the text changes from outside the editor (restore, reset, a link). */
  revision: number;
  /** The reader's edit; true when it changed the text (an editor echoing a restore does not). */
  change(value: string): boolean;
  reset(): void;
  dismiss(id: string): void;
}

const messages = {
  shared: "This code came from a shared link and has not run. Read it, then press Run.",
  sharedOverSaved:
    "This code came from a shared link and has not run. Read it, then press Run. Your own " +
    "saved edit of this snippet is kept: if you change this code or reset it, your edit is " +
    "set aside, and a button here brings it back.",
  setAside:
    "An earlier edit of yours of this snippet is set aside: it was kept, not overwritten, when " +
    "code from a shared link took its place. Bring it back with the button; the code shown " +
    "now is then set aside in its place.",
  setAsideFailed:
    "Your own saved edit of this snippet could not be set aside (storage refused), so it stays " +
    "saved and this code is not saved over it: it stays here only until you leave the page.",
  bringBackFailed:
    "The set-aside edit could not be brought back: storage refused or the entry is damaged. " +
    "It stays where it is.",
  changed:
    "The lesson's version of this snippet changed after you edited it. You are seeing " +
    "your version; Reset shows the new one.",
  corrupt:
    "Your saved edit of this snippet could not be read: the stored entry is damaged. The " +
    "lesson's original is shown, and the damaged entry is set aside, not deleted.",
  full:
    "This browser's storage for the site is full, so this edit is not saved. It stays here " +
    "until you leave the page.",
  unavailable:
    "This browser does not let the site save edits (site storage is off), so this edit stays " +
    "only until you leave the page.",
  elsewhere: (id: string): string =>
    `This page's link carries an edit for a snippet named "${id}", which is not on this page.`,
};

/**
 * What a page hash means for one cell: its shared code, a notice about the
 * link, or nothing. Links for no snippet on the page are reported by the
 * page's first cell only.
 */
function readHashFor(
  shared: SharedEdit,
  snippetId: string,
  isFirstCell: boolean,
): { code: string } | Notice | null {
  if (shared.kind === "none") return null;
  if (shared.kind === "edit" && shared.snippetId === snippetId) return { code: shared.code };
  if (shared.kind === "invalid" && (shared.snippetId ?? "") === snippetId) {
    return { id: "share", tone: "danger", text: shared.message };
  }
  if (!isFirstCell) return null;
  if (shared.kind === "invalid" && shared.snippetId === null) {
    return { id: "share", tone: "danger", text: shared.message };
  }
  const elsewhere = shared.snippetId ?? "";
  if (document.querySelector(`[data-snippet="${CSS.escape(elsewhere)}"]`)) return null;
  return { id: "share", tone: "warn", text: messages.elsewhere(elsewhere) };
}

function useNotices(): {
  notices: Notice[];
  notify(notice: Notice): void;
  dismiss(id: string): void;
} {
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((notice: Notice) => {
    setNotices((current) => [...current.filter((item) => item.id !== notice.id), notice]);
  }, []);
  const dismiss = useCallback((id: string) => {
    setNotices((current) => current.filter((item) => item.id !== id));
  }, []);
  return { notices, notify, dismiss };
}

interface SetAside {
  /** True while shared code is shown over a saved edit: set it aside before saving. */
  guarded: RefObject<boolean>;
  /** Sets the guarded edit aside; false (with a notice) when storage refused. */
  setAsideGuarded(): boolean;
  /** Offers the newest set-aside edit back, while there is one. */
  offer(): void;
}

/** The reader's saved edits that shared code took the place of. */
function useSetAside(
  storage: RefObject<EditStorage | null>,
  lesson: string,
  snippetId: string,
  { notify, dismiss }: ReturnType<typeof useNotices>,
  bringBack: RefObject<() => void>,
): SetAside {
  const guarded = useRef(false);

  const offer = useCallback(() => {
    if (setAsideCount(storage.current, lesson, snippetId) === 0) {
      dismiss("set-aside");
      return;
    }
    notify({
      id: "set-aside",
      tone: "info",
      text: messages.setAside,
      action: { label: "Bring back my edit", onClick: () => bringBack.current() },
    });
  }, [storage, lesson, snippetId, notify, dismiss, bringBack]);

  const setAsideGuarded = useCallback((): boolean => {
    if (!guarded.current) return true;
    if (!setAsideEdit(storage.current, lesson, snippetId)) {
      notify({ id: "storage", tone: "warn", text: messages.setAsideFailed });
      return false;
    }
    guarded.current = false;
    offer();
    return true;
  }, [storage, lesson, snippetId, notify, offer]);

  return { guarded, setAsideGuarded, offer };
}

interface HashHandlers {
  showShared(code: string): void;
  restoreSaved(): void;
  notify(notice: Notice): void;
  offerSetAside(): void;
}

/**
 * On load, the cell shows a link's code for it, else the saved edit; later,
 * a hash that changes to a link for it shows that code. Shown, never run.
 */
function useTextFromHash(
  rootRef: RefObject<HTMLElement | null>,
  snippetId: string,
  { showShared, restoreSaved, notify, offerSetAside }: HashHandlers,
): void {
  useEffect(
    function followTheHash() {
      let cancelled = false;
      const isFirstCell = (): boolean =>
        document.querySelector("[data-snippet]") === rootRef.current;

      async function readHash(initial: boolean): Promise<void> {
        const shared = await readShareHash(window.location.hash);
        if (cancelled) return;
        const outcome = readHashFor(shared, snippetId, isFirstCell());
        if (outcome && "code" in outcome) showShared(outcome.code);
        else if (outcome) notify(outcome);
        if (initial && !(outcome && "code" in outcome)) restoreSaved();
        if (initial) offerSetAside();
      }

      void readHash(true);
      const onHashChange = (): void => void readHash(false);
      window.addEventListener("hashchange", onHashChange);
      return () => {
        cancelled = true;
        window.removeEventListener("hashchange", onHashChange);
      };
    },
    [rootRef, snippetId, showShared, restoreSaved, notify, offerSetAside],
  );
}

/**
 * The text of one cell: the lesson's original, the reader's saved edit or a
 * shared link's code (on load, or when the page's hash changes to a link),
 * saved as the reader types, with notices for every way storage or a link
 * can go wrong. A saved edit that shared code replaces is set aside, never
 * overwritten, and can be brought back.
 */
export function useCellText(
  rootRef: RefObject<HTMLElement | null>,
  lesson: string,
  snippetId: string,
  original: string,
): CellText {
  const [code, setCode] = useState(original);
  const [origin, setOrigin] = useState<TextOrigin>("original");
  const [revision, setRevision] = useState(0);
  const codeRef = useRef(original);
  const storage = useRef<EditStorage | null>(null);
  const baseHash = useRef(hashOfSource(original));
  const damaged = useRef(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pendingSave = useRef(false);

  const noticeList = useNotices();
  const { notices, notify, dismiss } = noticeList;
  const bringBackRef = useRef<() => void>(() => {});
  const aside = useSetAside(storage, lesson, snippetId, noticeList, bringBackRef);
  const { guarded, setAsideGuarded, offer: offerSetAside } = aside;

  const replaceText = useCallback((value: string, from: TextOrigin) => {
    codeRef.current = value;
    setCode(value);
    setOrigin(from);
    setRevision((count) => count + 1);
  }, []);

  const save = useCallback(
    (value: string) => {
      pendingSave.current = false;
      if (!setAsideGuarded()) return;
      if (damaged.current) damaged.current = !setAsideDamaged(storage.current, lesson, snippetId);
      if (value === original) baseHash.current = hashOfSource(original);
      const outcome = saveEdit(
        storage.current,
        lesson,
        snippetId,
        original,
        value,
        baseHash.current,
      );
      if (outcome === "saved") dismiss("storage");
      else notify({ id: "storage", tone: "warn", text: messages[outcome] });
    },
    [lesson, snippetId, original, notify, dismiss, setAsideGuarded],
  );

  const flushSave = useCallback(() => {
    clearTimeout(saveTimer.current);
    if (pendingSave.current) save(codeRef.current);
  }, [save]);

  bringBackRef.current = (): void => {
    flushSave();
    const back = bringBackSetAside(storage.current, lesson, snippetId, original);
    if (back.kind !== "edit") {
      notify({ id: "storage", tone: "warn", text: messages.bringBackFailed });
      return;
    }
    guarded.current = false;
    baseHash.current = back.originalHash;
    replaceText(back.code, "saved");
    dismiss("shared");
    offerSetAside();
  };

  const showShared = useCallback(
    (value: string) => {
      flushSave();
      const saved = loadEdit(storage.current, lesson, snippetId, original);
      guarded.current = saved.kind === "edit";
      damaged.current ||= saved.kind === "corrupt";
      baseHash.current = hashOfSource(original);
      replaceText(value, "shared");
      const text = guarded.current ? messages.sharedOverSaved : messages.shared;
      notify({ id: "shared", tone: "info", text });
    },
    [lesson, snippetId, original, notify, replaceText, flushSave],
  );

  const restoreSaved = useCallback(() => {
    const saved = loadEdit(storage.current, lesson, snippetId, original);
    if (saved.kind === "edit") {
      baseHash.current = saved.originalHash;
      replaceText(saved.code, "saved");
      if (saved.originalChanged) notify({ id: "changed", tone: "warn", text: messages.changed });
    } else if (saved.kind === "corrupt") {
      damaged.current = true;
      notify({ id: "corrupt", tone: "danger", text: messages.corrupt });
    }
  }, [lesson, snippetId, original, notify, replaceText]);

  useEffect(() => {
    storage.current = browserStorage();
  }, []);
  useTextFromHash(rootRef, snippetId, { showShared, restoreSaved, notify, offerSetAside });

  const change = useCallback(
    (value: string): boolean => {
      if (value === codeRef.current) return false;
      codeRef.current = value;
      setCode(value);
      clearTimeout(saveTimer.current);
      pendingSave.current = true;
      saveTimer.current = setTimeout(() => save(value), SAVE_DELAY_MS);
      return true;
    },
    [save],
  );

  useEffect(() => () => clearTimeout(saveTimer.current), []);

  const reset = useCallback(() => {
    clearTimeout(saveTimer.current);
    pendingSave.current = false;
    // A saved edit under shared code is the reader's own: set aside, not deleted.
    const keepSaved = !setAsideGuarded();
    if (damaged.current) damaged.current = !setAsideDamaged(storage.current, lesson, snippetId);
    if (!keepSaved && !clearEdit(storage.current, lesson, snippetId) && storage.current) {
      notify({ id: "storage", tone: "warn", text: messages.unavailable });
    }
    baseHash.current = hashOfSource(original);
    replaceText(original, "original");
    for (const id of ["changed", "shared", "corrupt"]) dismiss(id);
  }, [lesson, snippetId, original, notify, dismiss, replaceText, setAsideGuarded]);

  return {
    code,
    codeRef,
    origin,
    edited: code !== original,
    notices,
    revision,
    change,
    reset,
    dismiss,
  };
}
