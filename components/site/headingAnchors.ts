/**
 * Gives each lesson section heading a "#" link to itself, so a reader can
 * copy a link to the section. Runs at build time over the lesson's HTML, so
 * the anchors work without JavaScript and the dist/ link checker sees them.
 */

const headingPattern = /<(h[23])\b([^>]*)\sid="([^"]+)"([^>]*)>([\s\S]*?)<\/\1>/g;
const islandPattern = /<(\/?)astro-island\b/g;

/** The [start, end) ranges of `html` that lie inside an <astro-island>. */
function islandRanges(html: string): [number, number][] {
  const ranges: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (const match of html.matchAll(islandPattern)) {
    if (match[1] === "") {
      if (depth === 0) start = match.index;
      depth += 1;
    } else if (depth > 0) {
      depth -= 1;
      if (depth === 0) ranges.push([start, match.index]);
    }
  }
  if (depth > 0) ranges.push([start, html.length]);
  return ranges;
}

/** A heading's text, without tags, entities decoded enough for a label. */
function plainText(innerHtml: string): string {
  return innerHtml
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Returns `html` with an anchor appended to every h2 and h3 that has an id.
 * Headings inside an island are left alone: an island's markup belongs to
 * its component, and changing it breaks hydration.
 */
export function withHeadingAnchors(html: string): string {
  const islands = islandRanges(html);
  const inIsland = (index: number): boolean =>
    islands.some(([start, end]) => index >= start && index < end);
  return html.replace(
    headingPattern,
    (
      heading: string,
      tag: string,
      before: string,
      id: string,
      after: string,
      inner: string,
      index: number,
    ) => {
      if (inIsland(index) || inner.includes('class="heading-anchor"')) return heading;
      // The label reuses the heading's own (already escaped) text.
      const label = `Link to the section “${plainText(inner).replace(/"/g, "&quot;")}”`;
      const anchor = `<a class="heading-anchor" href="#${id}" aria-label="${label}">#</a>`;
      return `<${tag}${before} id="${id}"${after}>${inner}${anchor}</${tag}>`;
    },
  );
}
