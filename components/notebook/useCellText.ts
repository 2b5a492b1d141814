import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import {
  browserStorage,
  clearEdit,
  hashOfSource,
  loadEdit,
  saveEdit,
  setAsideDamaged,
  type EditStorage,
} from "../../src/notebook/savedEdits";
import { readShareHash } from "../../src/notebook/shareLink";

/** How long typing pauses before the edit is saved (300 ms). */
const SAVE_DELAY_MS = 300;

export interface Notice {
  id: string;
  tone: "info" | "warn" | "danger";
  text: string;
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
  /** Bumped when the text changes from outside the editor (restore, reset). */
  revision: number;
  change(value: string): void;
  reset(): void;
  dismiss(id: string): void;
}

const messages = {
  shared:
    "This code came from a shared link and has not run. Read it, then press Run. " +
    "Your own saved edit, if you had one, is kept until you change this code.",
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
 * The text of one cell: the lesson's original, the reader's saved edit or a
 * shared link's code, saved as the reader types, with notices for every
 * way storage or a link can go wrong.
 */
export function useCellText(
  rootRef: RefObject<HTMLElement | null>,
  lesson: string,
  snippetId: string,
  original: string,
): CellText {
  const [code, setCode] = useState(original);
  const [origin, setOrigin] = useState<TextOrigin>("original");
  const [notices, setNotices] = useState<Notice[]>([]);
  const [revision, setRevision] = useState(0);
  const codeRef = useRef(original);
  const storage = useRef<EditStorage | null>(null);
  const baseHash = useRef(hashOfSource(original));
  const damaged = useRef(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const notify = useCallback((notice: Notice) => {
    setNotices((current) => [...current.filter((item) => item.id !== notice.id), notice]);
  }, []);
  const dismiss = useCallback((id: string) => {
    setNotices((current) => current.filter((item) => item.id !== id));
  }, []);

  const replaceText = useCallback((value: string, from: TextOrigin) => {
    codeRef.current = value;
    setCode(value);
    setOrigin(from);
    setRevision((count) => count + 1);
  }, []);

  useEffect(
    function restoreText() {
      let cancelled = false;
      storage.current = browserStorage();
      const isFirstCell = (): boolean =>
        document.querySelector("[data-snippet]") === rootRef.current;
      void readShareHash(window.location.hash).then((shared) => {
        if (cancelled) return;
        if (shared.kind === "edit" && shared.snippetId === snippetId) {
          replaceText(shared.code, "shared");
          notify({ id: "shared", tone: "info", text: messages.shared });
          return;
        }
        if (shared.kind === "invalid" && (shared.snippetId ?? "") === snippetId) {
          notify({ id: "share", tone: "danger", text: shared.message });
        } else if (shared.kind !== "none" && isFirstCell()) {
          const elsewhere = shared.snippetId ?? "";
          const here = document.querySelector(`[data-snippet="${CSS.escape(elsewhere)}"]`);
          if (shared.kind === "invalid" && shared.snippetId === null) {
            notify({ id: "share", tone: "danger", text: shared.message });
          } else if (!here) {
            notify({ id: "share", tone: "warn", text: messages.elsewhere(elsewhere) });
          }
        }
        restoreSaved();
      });

      function restoreSaved(): void {
        const saved = loadEdit(storage.current, lesson, snippetId, original);
        if (saved.kind === "edit") {
          baseHash.current = saved.originalHash;
          replaceText(saved.code, "saved");
          if (saved.originalChanged) notify({ id: "changed", tone: "warn", text: messages.changed });
        } else if (saved.kind === "corrupt") {
          damaged.current = true;
          notify({ id: "corrupt", tone: "danger", text: messages.corrupt });
        }
      }
      return () => {
        cancelled = true;
      };
    },
    [lesson, snippetId, original, notify, replaceText, rootRef],
  );

  const save = useCallback(
    (value: string) => {
      if (damaged.current) damaged.current = !setAsideDamaged(storage.current, lesson, snippetId);
      if (value === original) baseHash.current = hashOfSource(original);
      const outcome = saveEdit(storage.current, lesson, snippetId, original, value, baseHash.current);
      if (outcome === "saved") dismiss("storage");
      else notify({ id: "storage", tone: "warn", text: messages[outcome] });
    },
    [lesson, snippetId, original, notify, dismiss],
  );

  const change = useCallback(
    (value: string) => {
      if (value === codeRef.current) return;
      codeRef.current = value;
      setCode(value);
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => save(value), SAVE_DELAY_MS);
    },
    [save],
  );

  useEffect(() => () => clearTimeout(saveTimer.current), []);

  const reset = useCallback(() => {
    clearTimeout(saveTimer.current);
    if (damaged.current) damaged.current = !setAsideDamaged(storage.current, lesson, snippetId);
    if (!clearEdit(storage.current, lesson, snippetId) && storage.current) {
      notify({ id: "storage", tone: "warn", text: messages.unavailable });
    }
    baseHash.current = hashOfSource(original);
    replaceText(original, "original");
    for (const id of ["changed", "shared", "corrupt"]) dismiss(id);
  }, [lesson, snippetId, original, notify, dismiss, replaceText]);

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
