import { useEffect, useState, type ReactNode } from "react";
import type { SnippetRun } from "../../../src/notebook/store";
import { LiveRegion } from "./LiveRegion";
import { Notes } from "./Notes";
import { ShareLink } from "./ShareLink";
import "./widgets.css";

export interface WidgetFrameProps {
  /** The element id and the link parameters' prefix: "pricing". */
  prefix: string;
  title: string;
  /** The snippet feeding this widget, if the lesson connected one. */
  snippetId?: string;
  /** The snippet's latest run, to say whether the widget follows it. */
  run: SnippetRun | null;
  notes: readonly string[];
  onDismissNotes: () => void;
  /** Back to the lesson's values. */
  onReset: () => void;
  /** The scenario as query text, for the share link. */
  query: string;
  /** The sentence announced politely after the reader changes a value. */
  announcement: string;
  children: ReactNode;
}

/** What the widget says about the snippet it follows. */
function snippetStatus(run: SnippetRun | null): { state: string; text: string } {
  if (!run) {
    return { state: "idle", text: "Run the connected snippet and its exports redraw this widget." };
  }
  if (run.status === "ok") {
    return { state: "ok", text: `Drawn from your snippet's run ${run.runId}.` };
  }
  return {
    state: "error",
    text: `Your snippet's run ${run.runId} did not finish; the widget keeps its last values.`,
  };
}

/**
 * The frame every widget shares: its title, the notes about adjusted
 * values, what it follows from a snippet, the share link and the polite
 * announcement of its main figure, and Reset.
 */
export function WidgetFrame(props: WidgetFrameProps) {
  const { prefix, title, snippetId, run, notes, onDismissNotes, query } = props;
  const status = snippetId ? snippetStatus(run) : null;
  const [hydrated, setHydrated] = useState(false);
  useEffect(function markHydrated() {
    setHydrated(true);
  }, []);

  // data-hydrated tells tests (and styles) that the link's values are applied.
  return (
    <section className="widget" id={prefix} aria-label={title} data-hydrated={hydrated}>
      {/* No id: the lesson layout adds "#" links to headings with ids, and
          that change before hydration would not match what React renders. */}
      <h3 className="widget-title">{title}</h3>
      {status ? (
        <p className="widget-snippet" data-state={status.state} data-follows-snippet={snippetId}>
          {status.text}
        </p>
      ) : null}
      <Notes notes={notes} onDismiss={onDismissNotes} />
      {props.children}
      <ShareLink query={query} prefix={prefix}>
        <button type="button" className="widget-button" onClick={props.onReset}>
          Reset values
        </button>
      </ShareLink>
      <LiveRegion message={props.announcement} />
    </section>
  );
}
