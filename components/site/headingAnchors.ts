/**
 * Gives each lesson section heading a "#" link to itself, so a reader can
 * copy a link to the section. Astro has already set the headings' ids.
 */
export function addHeadingAnchors(doc: Document): void {
  const headings = doc.querySelectorAll<HTMLHeadingElement>(".lesson-body :is(h2, h3)[id]");
  for (const heading of headings) {
    // An island's markup belongs to its component: touching it breaks hydration.
    if (heading.closest("astro-island") || heading.querySelector(".heading-anchor")) continue;
    const anchor = doc.createElement("a");
    anchor.className = "heading-anchor";
    anchor.href = `#${heading.id}`;
    anchor.textContent = "#";
    anchor.setAttribute("aria-label", `Link to the section “${heading.textContent?.trim()}”`);
    heading.append(anchor);
  }
}
