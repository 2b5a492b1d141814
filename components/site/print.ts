/**
 * Opens every folded <details> (deep dives) while the page prints, and folds
 * them again afterwards, so a printed lesson holds all of its text. The
 * print stylesheet opens them too where the browser supports
 * `::details-content`; this covers the others.
 */
export function openDetailsWhilePrinting(win: Window): void {
  let opened: HTMLDetailsElement[] = [];
  win.addEventListener("beforeprint", () => {
    opened = [...win.document.querySelectorAll<HTMLDetailsElement>("details:not([open])")];
    for (const details of opened) details.open = true;
  });
  win.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
}
