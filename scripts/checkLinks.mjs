// Checks every internal link, asset reference and heading anchor in a built
// site: each must name a file that exists (and an id that exists in it).
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

async function htmlFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return htmlFiles(path);
      return entry.name.endsWith(".html") ? [path] : [];
    }),
  );
  return nested.flat();
}

const tagPattern = /<([a-z][\w-]*)\b([^>]*)>/gi;
const attributePattern = /\s(href|src|srcset|action|poster)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const idPattern = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/**
 * Every URL a page names, and whether following it is the reader's choice
 * (an <a> link, which may leave the site) or a request the page makes.
 */
function referencesIn(html) {
  const found = [];
  for (const [, tag, attributes] of html.matchAll(tagPattern)) {
    for (const match of attributes.matchAll(attributePattern)) {
      const value = match[2] ?? match[3] ?? "";
      const urls =
        match[1] === "srcset"
          ? value.split(",").map((part) => part.trim().split(/\s+/)[0])
          : [value];
      for (const url of urls) found.push({ url, navigation: tag.toLowerCase() === "a" });
    }
  }
  return found;
}

function idsIn(html) {
  return new Set([...html.matchAll(idPattern)].map((match) => match[1] ?? match[2] ?? ""));
}

async function targetFile(outDir, pathname) {
  const path = join(outDir, decodeURIComponent(pathname));
  const info = await stat(path).catch(() => null);
  if (info?.isFile()) return path;
  if (info?.isDirectory()) {
    const index = join(path, "index.html");
    if ((await stat(index).catch(() => null))?.isFile()) return index;
  }
  return null;
}

/**
 * Returns the broken references of the site in `outDir`, built for `base`:
 * `{ page, reference, reason }` for each, how many references were checked,
 * and how many of them named a fragment (`#id`) whose element was checked.
 */
export async function checkLinks(outDir, base) {
  const origin = "http://site.invalid";
  const broken = [];
  let checked = 0;
  let fragments = 0;
  const idCache = new Map();
  const idsOf = async (file) => {
    if (!idCache.has(file)) idCache.set(file, idsIn(await readFile(file, "utf8")));
    return idCache.get(file);
  };

  for (const file of await htmlFiles(outDir)) {
    const html = await readFile(file, "utf8");
    const pagePath = base + relative(outDir, file).split(sep).join("/");
    const pageUrl = new URL(pagePath, origin);
    for (const { url: reference, navigation } of referencesIn(html)) {
      if (reference === "" || /^(mailto:|data:|javascript:|blob:)/.test(reference)) continue;
      const url = new URL(reference, pageUrl);
      if (url.origin !== origin) {
        // A link out (a price's source) is the reader's to follow; anything
        // the page itself would fetch must come from the site.
        if (!navigation) {
          broken.push({ page: pagePath, reference, reason: "loads from another origin" });
        }
        continue;
      }
      checked += 1;
      if (!url.pathname.startsWith(base)) {
        broken.push({ page: pagePath, reference, reason: `is outside the base ${base}` });
        continue;
      }
      const target = await targetFile(outDir, url.pathname.slice(base.length));
      if (!target) {
        broken.push({ page: pagePath, reference, reason: "names no file in the build" });
        continue;
      }
      const id = decodeURIComponent(url.hash.slice(1));
      if (!id) continue;
      // Pages and SVG (sprites, `x.svg#icon`) have ids; other files none.
      if (!/\.(html|svg)$/.test(target)) {
        broken.push({
          page: pagePath,
          reference,
          reason: "names a fragment of a file that is not a page",
        });
        continue;
      }
      fragments += 1;
      if (!(await idsOf(target)).has(id)) {
        broken.push({ page: pagePath, reference, reason: `has no element with id "${id}"` });
      }
    }
  }
  return { broken, checked, fragments };
}
