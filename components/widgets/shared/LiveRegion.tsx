import { useEffect, useRef, useState } from "react";
import "./widgets.css";

export interface LiveRegionProps {
  /** The sentence to speak once the reader stops changing values. */
  message: string;
  /** How long the message must stay unchanged before it is spoken. */
  delayMs?: number;
}

/**
 * A polite, visually hidden live region. It speaks `message` once it has
 * held still for `delayMs` (so dragging a slider speaks one figure, not
 * fifty), and stays silent for the first state the page already shows.
 */
export function LiveRegion({ message, delayMs = 600 }: LiveRegionProps) {
  const [spoken, setSpoken] = useState("");
  const firstMessage = useRef(message);
  const changed = useRef(false);

  useEffect(
    function speakWhenSettled() {
      if (message !== firstMessage.current) changed.current = true;
      if (!changed.current) return;
      const timer = setTimeout(() => setSpoken(message), delayMs);
      return () => clearTimeout(timer);
    },
    [message, delayMs],
  );

  return (
    <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {spoken}
    </p>
  );
}
