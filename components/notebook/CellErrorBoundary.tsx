import { Component, type ErrorInfo, type ReactNode } from "react";
import { browserStorage, loadEdit } from "../../src/notebook/savedEdits";

interface Props {
  /** The cell's storage key parts: the fallback shows the reader's saved edit. */
  lesson: string;
  snippetId: string;
  /** The snippet's text as the lesson ships it, shown when there is no saved edit. */
  original: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** The code a broken cell still shows: the reader's saved edit, else the original. */
function fallbackCode({ lesson, snippetId, original }: Props): { code: string; edited: boolean } {
  const saved = loadEdit(browserStorage(), lesson, snippetId, original);
  return saved.kind === "edit"
    ? { code: saved.code, edited: true }
    : { code: original, edited: false };
}

/**
 * Keeps one broken cell from blanking the page: the reader still sees the
 * code (their own edit, when one is saved), and is told the interactive
 * part stopped.
 */
export class CellErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // The message below is the report; nothing is sent anywhere.
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const { code, edited } = fallbackCode(this.props);
    return (
      <div className="notebook-broken">
        <p className="notebook-notice" data-tone="danger">
          This snippet's editor stopped working ({this.state.error.message}).{" "}
          {edited ? "Your saved edit is below, still saved;" : "The code is below;"} reload the page
          to try again.
        </p>
        <pre>
          <code>{code}</code>
        </pre>
      </div>
    );
  }
}
