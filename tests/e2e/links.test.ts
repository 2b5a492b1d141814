import { describe, expect, test } from "vitest";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { checkLinks } from "../../scripts/checkLinks.mjs";
import { E2E_BASE, OUT_DIR } from "./globalSetup";

describe("checkLinks(outDir, base)", () => {
  test("every internal link, asset and anchor of the e2e build resolves under its base", async () => {
    const { broken, checked, fragments } = await checkLinks(OUT_DIR, E2E_BASE);
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(10);

    // Every heading anchor is in the built HTML, so each was among the
    // fragments whose target the checker found.
    let anchors = 0;
    for (const lesson of await readdir(join(OUT_DIR, "lessons"))) {
      const html = await readFile(join(OUT_DIR, "lessons", lesson, "index.html"), "utf8");
      const count = html.match(/class="heading-anchor" href="#/g)?.length ?? 0;
      expect(count, `heading anchors in ${lesson}`).toBeGreaterThan(0);
      anchors += count;
    }
    expect(fragments).toBeGreaterThanOrEqual(anchors);
  });

  test("reports a missing page, a missing anchor, a link outside the base and a foreign asset", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crux-links-"));
    try {
      await mkdir(join(dir, "a"));
      await writeFile(join(dir, "a", "index.html"), '<h2 id="here">Here</h2>');
      await writeFile(join(dir, "x.txt"), "text");
      await writeFile(
        join(dir, "index.html"),
        [
          '<a href="/b/a/#here">ok</a>',
          '<a href="/b/a/#gone">missing anchor</a>',
          '<a href="#nowhere-here">missing anchor on this page</a>',
          '<a href="/b/x.txt#part">fragment of a file</a>',
          '<a href="/b/nowhere/">missing page</a>',
          '<a href="/a/">outside base</a>',
          '<img src="https://cdn.example.com/x.png">',
          '<a href="https://www.anthropic.com/pricing">a source, left by choice</a>',
        ].join("\n"),
      );
      const { broken } = await checkLinks(dir, "/b/");
      expect(broken.map((link) => `${link.reference} ${link.reason}`)).toEqual([
        '/b/a/#gone has no element with id "gone"',
        '#nowhere-here has no element with id "nowhere-here"',
        "/b/x.txt#part names a fragment of a file that is not a page",
        "/b/nowhere/ names no file in the build",
        "/a/ is outside the base /b/",
        "https://cdn.example.com/x.png loads from another origin",
      ]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
