// Writes `sw.js` into a built site: the offline reader. Each build gets its
// own version (a hash of every file), so a new build replaces the old cache.
import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** Files over this many bytes are cached after activation, not at install. */
const EAGER_LIMIT = 512 * 1024; // 512 KiB

/**
 * Pagefind's own UIs, which Crux does not use (it has its own dialog), and
 * its wasm for pages without a language (every Crux page says lang="en").
 */
const UNUSED = /\/pagefind\/(pagefind-(ui|component-ui|modular-ui|highlight)\.|wasm\.unknown\.)/;

/**
 * The search index is cached after activation, not at install: installing
 * then takes only what reading needs, and the index arrives in the
 * background, as the compiler does, so search still works offline after a
 * first visit. (Caching it only once searched would save those bytes for
 * readers who never search, but leave offline search empty for them.)
 */
const AFTER_ACTIVATION = /\/pagefind\//;

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(path) : [path];
    }),
  );
  return files.flat();
}

/** The URL a reader requests for a file: pages by their directory. */
function urlFor(file, outDir, base) {
  const path = relative(outDir, file).split(sep).join("/");
  if (path === "index.html") return base;
  if (path.endsWith("/index.html")) return base + path.slice(0, -"index.html".length);
  return base + path;
}

/**
 * Scans `outDir`, then writes `outDir/sw.js` for a site served at `base`.
 * The version is a hash of every file's path and bytes: any change to the
 * build gives a new worker, which replaces the old cache.
 */
export async function writeServiceWorker(outDir, base, templatePath) {
  const files = (await listFiles(outDir)).filter(
    (file) => !file.endsWith(`${sep}sw.js`) && !UNUSED.test(file.split(sep).join("/")),
  );
  files.sort();
  const hash = createHash("sha256");
  const eager = [];
  const lazy = [];
  const lazySearch = [];
  for (const file of files) {
    const bytes = await readFile(file);
    hash.update(relative(outDir, file)).update(bytes);
    const url = urlFor(file, outDir, base);
    // The search index goes first after activation: it is small, and a
    // reader searches sooner than they open an editor.
    if (AFTER_ACTIVATION.test(url)) lazySearch.push(url);
    else ((await stat(file)).size > EAGER_LIMIT ? lazy : eager).push(url);
  }
  lazy.unshift(...lazySearch);
  const version = hash.digest("hex").slice(0, 16);
  const template = await readFile(templatePath, "utf8");
  const header =
    `const VERSION = ${JSON.stringify(version)};\n` +
    `const BASE = ${JSON.stringify(base)};\n` +
    `const EAGER = ${JSON.stringify(eager)};\n` +
    `const LAZY = ${JSON.stringify(lazy)};\n`;
  await writeFile(join(outDir, "sw.js"), header + template);
  return { version, eager: eager.length, lazy: lazy.length };
}
