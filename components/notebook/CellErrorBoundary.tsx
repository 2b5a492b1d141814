import { Component, type ErrorInfo, type ReactNode } from "react";

interface Props {
  /** What still works when the cell breaks: the snippet's code, as text. */
  fallbackCode: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Keeps one broken cell from blanking the page: the reader still sees the
 * code, and is told the interactive part stopped.
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
    return (
      <div className="notebook-broken">
        <p className="notebook-notice" data-tone="danger">
          This snippet's editor stopped working ({this.state.error.message}). The code is below;
          reload the page to try again.
        </p>
        <pre>
          <code>{this.props.fallbackCode}</code>
        </pre>
      </div>
    );
  }
}
