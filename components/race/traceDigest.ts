// A short fingerprint of a race's trace, which the widget carries as
// data-trace: two traces have the same digest when they agree event for
// event. Tests compare the race the page ran in the notebook sandbox with
// simulateRace run in Node this way. Type imports only, so code outside the
// site's bundler (the e2e tests) can load it without resolving "cost".

import type { RaceEvent } from "cost";

/** One event as text: every field, in order, undefined as empty. */
function eventText(event: RaceEvent): string {
  const { seq, time, request, step, usd, hold, ok, message, committed, held } = event;
  return [seq, time, request, step, usd, hold, ok, message, committed, held]
    .map((field) => (field === undefined ? "" : String(field)))
    .join(",");
}

/**
 * "<events>:<hash>", the hash an FNV-1a 32-bit hash of every event's
 * fields, in hexadecimal: "16:9e3c0a41".
 */
export function traceDigest(trace: readonly RaceEvent[]): string {
  let hash = 0x811c9dc5;
  for (const event of trace) {
    const text = `${eventText(event)}\n`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return `${trace.length}:${hash.toString(16).padStart(8, "0")}`;
}
