import { useEffect, useState, type ReactNode } from "react";
import { mergeQuery } from "./scenario";
import "./widgets.css";

export interface ShareLinkProps {
  /** This widget's values as query text, from `queryFromValues`. */
  query: string;
  /** The query parameters' prefix, which is also the widget's element id. */
  prefix: string;
  /** More buttons for the same row. */
  children?: ReactNode;
}

/**
 * `?query#prefix` with the other widgets' values from `search` (the page
 * address's query) kept, this widget's replaced.
 */
export function scenarioHref(search: string, query: string, prefix: string): string {
  return `?${mergeQuery(search, query, prefix)}#${prefix}`;
}

/**
 * A link to the page with this scenario, and a button that copies it. Both
 * keep other widgets' values already in the address.
 */
export function ShareLink({ query, prefix, children }: ShareLinkProps) {
  const [status, setStatus] = useState("");
  // The static page cannot read the address; the island does once mounted.
  const [search, setSearch] = useState("");
  useEffect(function readAddress() {
    setSearch(window.location.search);
  }, []);

  async function copyLink(): Promise<void> {
    const url = new URL(window.location.href);
    url.search = mergeQuery(url.search, query, prefix);
    url.hash = prefix;
    try {
      await navigator.clipboard.writeText(url.href);
      setStatus("Link copied.");
    } catch {
      setStatus("Could not copy; copy the “Link to this scenario” link instead.");
    }
  }

  return (
    <p className="widget-share">
      <a href={scenarioHref(search, query, prefix)}>Link to this scenario</a>
      <button type="button" className="widget-button" onClick={copyLink}>
        Copy link
      </button>
      {children}
      <span role="status">{status}</span>
    </p>
  );
}
