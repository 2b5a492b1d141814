import { describe, expect, test } from "vitest";
import { withHeadingAnchors } from "../../../components/site/headingAnchors";

describe("withHeadingAnchors(html)", () => {
  test("appends a labelled link to its own id to each h2 and h3 with an id", () => {
    const html = '<h2 id="the-bill">The <code>bill</code></h2><p>x</p><h3 id="b" class="c">B</h3>';
    expect(withHeadingAnchors(html)).toBe(
      '<h2 id="the-bill">The <code>bill</code>' +
        '<a class="heading-anchor" href="#the-bill" aria-label="Link to the section “The bill”">#</a>' +
        '</h2><p>x</p><h3 id="b" class="c">B' +
        '<a class="heading-anchor" href="#b" aria-label="Link to the section “B”">#</a></h3>',
    );
  });

  test("leaves headings without an id, h1 and h4 alone", () => {
    const html = '<h1 id="t">T</h1><h3 class="notebook-title">Cell</h3><h4 id="d">D</h4>';
    expect(withHeadingAnchors(html)).toBe(html);
  });

  test("leaves headings inside an island alone, also nested islands", () => {
    const html =
      '<astro-island uid="1"><h2 id="in">In</h2><astro-island uid="2"></astro-island>' +
      '<h3 id="still-in">S</h3></astro-island><h2 id="out">Out</h2>';
    const result = withHeadingAnchors(html);
    expect(result).not.toContain('href="#in"');
    expect(result).not.toContain('href="#still-in"');
    expect(result).toContain('href="#out"');
  });

  test("adds no second anchor to a heading that has one", () => {
    const once = withHeadingAnchors('<h2 id="x">X</h2>');
    expect(withHeadingAnchors(once)).toBe(once);
  });
});
