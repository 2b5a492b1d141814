import {
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from "react";
import {
  createTextareaEditor,
  prefersPlainEditor,
  type CodeEditor,
  type CodeEditorOptions,
  type TypeProblem,
} from "../../src/notebook/codeEditor";
import { makeShareHash } from "../../src/notebook/shareLink";
import { CellErrorBoundary } from "./CellErrorBoundary";
import { OutputPane } from "./OutputPane";
import { loadRuntime, useCellRuns } from "./useCellRuns";
import { useCellText, type Notice } from "./useCellText";

export interface NotebookCellProps {
  /** Unique on the page: names the cell for widgets, storage and links. */
  snippetId: string;
  /** The lesson slug, part of the storage key. */
  lesson: string;
  /** The snippet's text as the lesson ships it. */
  original: string;
  /** What the code is, for the caption and the editor's accessible name. */
  title: string;
  /** The same text, highlighted at build time: shown until the reader reaches for it. */
  children?: ReactNode;
}

type EditorFactory = (container: HTMLElement, options: CodeEditorOptions) => CodeEditor;
type Mode = "static" | "loading" | "editing";

/** The island lesson pages hydrate: one editable, runnable snippet. */
export default function NotebookCell(props: NotebookCellProps): ReactElement {
  return (
    <CellErrorBoundary lesson={props.lesson} snippetId={props.snippetId} original={props.original}>
      <Cell {...props} />
    </CellErrorBoundary>
  );
}

async function loadEditorFactory(): Promise<EditorFactory> {
  if (prefersPlainEditor()) return createTextareaEditor;
  const monaco = await import("../../src/notebook/monacoEditor");
  return monaco.createMonacoEditor;
}

function Cell({ snippetId, lesson, original, title, children }: NotebookCellProps): ReactElement {
  const rootRef = useRef<HTMLElement>(null);
  const staticRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<CodeEditor | null>(null);
  const focusOnOpen = useRef(false);
  const [mode, setMode] = useState<Mode>("static");
  const [factory, setFactory] = useState<EditorFactory | null>(null);
  const [staticHeight, setStaticHeight] = useState<number | undefined>(undefined);
  const [editorProblem, setEditorProblem] = useState<string | null>(null);
  const [share, setShare] = useState<ShareState | null>(null);
  const [copied, setCopied] = useState(false);

  const text = useCellText(rootRef, lesson, snippetId, original);
  const currentCode = useCallback(() => text.codeRef.current, [text.codeRef]);
  const runs = useCellRuns(snippetId, currentCode);
  const [typeProblems, setTypeProblems] = useState<TypeProblem[]>([]);

  const open = useCallback(
    async (focus: boolean) => {
      focusOnOpen.current ||= focus;
      if (mode !== "static") return;
      setMode("loading");
      // esbuild compiles its wasm in its own worker: start it beside Monaco.
      void loadRuntime()
        .then((runtime) => runtime.warmRuntime(text.codeRef.current))
        .catch(() => {
          // The reader's Run loads it again and says what failed.
        });
      setStaticHeight(staticRef.current?.getBoundingClientRect().height);
      try {
        const create = await loadEditorFactory();
        setFactory(() => create);
        setMode("editing");
      } catch (error) {
        setMode("static");
        setEditorProblem(
          `The editor could not load (${error instanceof Error ? error.message : String(error)}). ` +
            "Run still works; reload the page to try the editor again.",
        );
      }
    },
    [mode, text.codeRef],
  );

  useLayoutEffect(
    function mountEditor() {
      const host = hostRef.current;
      if (mode !== "editing" || !factory || !host || editorRef.current) return;
      const editor = factory(host, {
        value: text.codeRef.current,
        modelName: `${lesson}-${snippetId}`,
        label: `Code of the snippet “${title}”`,
        onChange(value) {
          // Restore, Reset and links set the editor's text too: only the reader's typing re-runs.
          if (text.change(value)) runs.rerunSoon();
        },
        onRun: runs.run,
        onTypeProblems: setTypeProblems,
      });
      editorRef.current = editor;
      if (focusOnOpen.current) editor.focus();
    },
    // The editor is created once; its callbacks read the latest state through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [mode, factory],
  );

  useLayoutEffect(
    function showRestoredText() {
      editorRef.current?.setValue(text.codeRef.current);
      // Code from a link never runs by itself, not even when a widget asks.
      if (text.origin === "shared") runs.holdUntilRun();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [text.revision, text.codeRef],
  );

  useLayoutEffect(function disposeEditor() {
    return () => editorRef.current?.dispose();
  }, []);

  const run = (): void => {
    void open(false);
    runs.run();
  };

  const reset = (): void => {
    const sure = window.confirm(
      "Reset this snippet to the lesson's original? Your edit of it will be deleted.",
    );
    if (!sure) return;
    text.reset();
    setShare(null);
  };

  const makeShareLink = async (): Promise<void> => {
    const made = await makeShareHash(snippetId, text.codeRef.current);
    if (made.kind === "too-long") {
      setShare({ problem: made.message });
      return;
    }
    const url = window.location.href.split("#")[0] + made.hash;
    let ok = true;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      ok = false;
    }
    setShare({ url, copied: ok });
  };

  const copyCode = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text.codeRef.current);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      void open(true);
    }
  };

  const editing = mode === "editing";
  return (
    <section
      ref={rootRef}
      className="notebook-cell"
      data-snippet={snippetId}
      data-mode={mode}
      aria-label={`Snippet: ${title}`}
    >
      <div className="notebook-bar">
        {/* No id: the site's heading anchors would edit it before hydration. */}
        <h3 className="notebook-title">{title}</h3>
        {text.edited ? <span className="notebook-edited">edited</span> : null}
        <div className="notebook-buttons">
          <button
            type="button"
            className="notebook-run"
            onClick={run}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            Run
          </button>
          {/* Stays when the editor is open (it then moves focus there): the bar keeps its size. */}
          <button
            type="button"
            className="notebook-edit"
            onClick={() => (editing ? editorRef.current?.focus() : void open(true))}
            aria-busy={mode === "loading"}
          >
            Edit
          </button>
          {text.edited ? (
            <button type="button" onClick={reset}>
              Reset
            </button>
          ) : null}
          {text.edited ? (
            <button type="button" onClick={() => void makeShareLink()}>
              Share
            </button>
          ) : null}
          <button type="button" onClick={() => void copyCode()}>
            {copied ? "Copied" : "Copy"}
          </button>
        </div>
      </div>

      <Notices notices={text.notices} extra={editorProblem} onDismiss={text.dismiss} />
      {share ? <ShareBox share={share} /> : null}

      <div className="notebook-code">
        {editing ? null : (
          <div
            ref={staticRef}
            className="notebook-static"
            onClick={() => void open(true)}
            // Focus alone does not open the editor: Tab passes over the code untouched.
            onKeyDown={(event) => {
              if (event.key !== "Enter" || event.altKey || event.shiftKey) return;
              event.preventDefault();
              if (event.ctrlKey || event.metaKey) run();
              else void open(true);
            }}
          >
            {text.origin === "original" && !text.edited ? (
              children
            ) : (
              <pre className="notebook-plain" tabIndex={0}>
                <code>{text.code}</code>
              </pre>
            )}
          </div>
        )}
        <div
          ref={hostRef}
          className="notebook-editor"
          hidden={!editing}
          style={editing && staticHeight ? { minHeight: `${staticHeight}px` } : undefined}
        />
        {/* An editor prints only the lines it shows: print shows the whole text instead. */}
        {editing ? (
          <pre className="notebook-print" aria-hidden="true">
            <code>{text.code}</code>
          </pre>
        ) : null}
      </div>
      <Hint />
      <OutputPane
        result={runs.result}
        resultRun={runs.resultRun}
        running={runs.running}
        typeProblems={typeProblems}
      />
    </section>
  );
}

interface NoticesProps {
  notices: Notice[];
  extra: string | null;
  onDismiss(id: string): void;
}

function Notices({ notices, extra, onDismiss }: NoticesProps): ReactElement | null {
  if (notices.length === 0 && !extra) return null;
  return (
    <div className="notebook-notices" role="status">
      {notices.map((notice) => (
        <p
          key={notice.id}
          className="notebook-notice"
          data-tone={notice.tone}
          data-notice={notice.id}
        >
          {notice.text}{" "}
          {notice.action ? (
            <button type="button" className="notebook-dismiss" onClick={notice.action.onClick}>
              {notice.action.label}
            </button>
          ) : null}{" "}
          <button type="button" className="notebook-dismiss" onClick={() => onDismiss(notice.id)}>
            Dismiss
          </button>
        </p>
      ))}
      {extra ? (
        <p className="notebook-notice" data-tone="danger" data-notice="editor">
          {extra}
        </p>
      ) : null}
    </div>
  );
}

/** A share link made, or why none could be. */
type ShareState = { url: string; copied: boolean } | { problem: string };

function ShareBox({ share }: { share: ShareState }): ReactElement {
  if ("problem" in share) {
    return (
      <div className="notebook-share">
        <p className="notebook-notice" data-tone="warn" data-notice="share-too-long" role="status">
          {share.problem}
        </p>
      </div>
    );
  }
  return (
    <div className="notebook-share">
      <label>
        Link to this edit{" "}
        <input
          type="text"
          readOnly
          value={share.url}
          onFocus={(event) => event.currentTarget.select()}
          className="notebook-share-url"
        />
      </label>
      <span role="status">
        {share.copied ? "Copied to the clipboard." : "Copy the link from the box above."}
      </span>
    </div>
  );
}

/**
 * Shown from the start, so opening the editor adds no line. The Tab-trap
 * sentence concerns Monaco only: CSS hides it where the text area is used,
 * under the same media query as `prefersPlainEditor`.
 */
function Hint(): ReactElement {
  return (
    <p className="notebook-hint">
      <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd> on macOS) runs the code; Edit
      or Enter on the code opens the editor.
      <span className="notebook-hint-monaco">
        {" "}
        In the editor, Tab indents: press <kbd>Ctrl</kbd>+<kbd>M</kbd> (<kbd>Ctrl</kbd>+
        <kbd>Shift</kbd>+<kbd>M</kbd> on macOS) to make Tab move focus instead.
      </span>
    </p>
  );
}
