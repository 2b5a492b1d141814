// Page weight and speed of every lesson page of a built site, measured
// from the page side:
// - JavaScript loaded before any interaction (gzip, as a CDN would serve it),
// - what each lazy stage adds: scrolling to the bottom so every island
//   hydrates, opening and querying the search, opening a snippet's editor,
// - whether the lesson reads with JavaScript disabled,
// - Lighthouse (mobile preset): performance and accessibility scores, and
//   its largest contentful paint and total blocking time, both as Lighthouse
//   simulates them on a throttled phone and as it observed them in this
//   Chromium (medians of several runs; TBT is noisy on 2 cores).
// Service workers are blocked throughout: the worker would download the
// whole site in the background and count against every page.
import { readdir, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const title =
  "Lesson pages: JavaScript before interaction, lazy stages, no-JS reading, Lighthouse";

/** Lighthouse runs per page; the median of each figure is reported. */
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
/** The budget: JavaScript before interaction on any lesson. */
export const JS_BUDGET_BYTES = 80 * 1024; // 80 KiB gzip
/** Fewer words than this in the lesson body is not a readable lesson. */
const MIN_WORDS = 200;

export const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Text a page shows in place of content it cannot render without scripts. */
const PLACEHOLDER =
  /requires? JavaScript|needs? JavaScript|enable JavaScript|JavaScript is (disabled|off)|Loading…/i;

const gzipCache = new Map();

/** The gzip size of a file the site serves at `url`, read from `outDir`. */
export async function gzipBytesOf(url, siteUrl, outDir) {
  const path = decodeURIComponent(new URL(url).pathname.slice(new URL(siteUrl).pathname.length));
  if (!gzipCache.has(path)) {
    const bytes = await readFile(join(outDir, path)).catch(() => null);
    gzipCache.set(path, bytes ? gzipSync(bytes, { level: 9 }).length : 0);
  }
  return gzipCache.get(path);
}

function isScript(response) {
  const type = response.request().resourceType();
  return type === "script" || /\.(m?js|wasm)(\?|$)/.test(response.url());
}

/**
 * Records what a page fetches from the site, stage by stage: `take()`
 * returns the gzip bytes and file count since the last call, of scripts
 * only or of every file.
 */
function stageRecorder(page, siteUrl, outDir) {
  const origin = new URL(siteUrl).origin;
  let scripts = new Set();
  let all = new Set();
  page.on("response", (response) => {
    if (new URL(response.url()).origin !== origin) return;
    all.add(response.url());
    if (isScript(response)) scripts.add(response.url());
  });
  return async function take() {
    const sum = async (urls) => {
      let bytes = 0;
      for (const url of urls) bytes += await gzipBytesOf(url, siteUrl, outDir);
      return { bytes, files: urls.size };
    };
    const result = { scripts: await sum(scripts), all: await sum(all) };
    scripts = new Set();
    all = new Set();
    return result;
  };
}

async function settle(page) {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
}

/**
 * Loads `url` in a fresh page and sums the gzip size of the scripts it
 * fetched before any interaction (after the network went idle). Workers
 * and wasm count too: they are JavaScript the reader downloads.
 */
export async function scriptBytesBeforeInteraction(browser, url, siteUrl, outDir) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const take = stageRecorder(page, siteUrl, outDir);
    await page.goto(url, { waitUntil: "networkidle" });
    await settle(page);
    return (await take()).scripts;
  } finally {
    await context.close();
  }
}

/**
 * Opens every deep dive (an island folded inside one hydrates only once
 * opened), scrolls to the bottom a screen at a time, then waits for every
 * island. Returns how many never hydrated.
 */
async function scrollUntilHydrated(page) {
  await page.evaluate(async () => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  await page
    .waitForFunction(() => document.querySelector("astro-island[ssr]") === null, null, {
      timeout: 30_000,
    })
    .catch(() => undefined);
  await settle(page);
  return page.locator("astro-island[ssr]").count();
}

/**
 * What each lazy stage of a lesson adds, in gzip bytes of every file it
 * fetched: scrolling through (all islands hydrate), search opened and
 * queried, and the first snippet's editor opened (when there is one).
 */
export async function lazyStages(browser, url, siteUrl, outDir) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const take = stageRecorder(page, siteUrl, outDir);
    await page.goto(url, { waitUntil: "networkidle" });
    await settle(page);
    const load = await take();

    const unhydrated = await scrollUntilHydrated(page);
    const scroll = await take();

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator("[data-search-open]").click();
    await page.locator("[data-search-input]").fill("cache");
    await page.locator(".search-results a").first().waitFor({ timeout: 15_000 });
    await settle(page);
    const search = await take();
    await page.keyboard.press("Escape");

    let editor = null;
    const cell = page.locator("[data-snippet]").first();
    if ((await cell.count()) > 0) {
      await cell.scrollIntoViewIfNeeded();
      await cell.getByRole("button", { name: "Edit" }).click();
      await cell.locator(".notebook-editor:not([hidden])").waitFor({ timeout: 60_000 });
      await settle(page);
      editor = await take();
    }
    return { load, scroll, unhydrated, search, editor };
  } finally {
    await context.close();
  }
}

/**
 * Opens `url` with JavaScript disabled and reports whether the lesson reads:
 * its title and body are there, every snippet shows its code, and no
 * "requires JavaScript" style placeholder stands in for content.
 */
export async function readsWithoutJavaScript(browser, url) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const found = await page.evaluate(() => {
      const body = document.querySelector(".lesson-body");
      const text = body?.textContent ?? "";
      const snippets = [...document.querySelectorAll("[data-snippet]")];
      return {
        title: document.querySelector("h1")?.textContent?.trim() ?? "",
        text,
        words: text.split(/\s+/).filter(Boolean).length,
        snippetsWithoutCode: snippets.filter(
          (snippet) => (snippet.querySelector("pre")?.textContent?.trim() ?? "") === "",
        ).length,
      };
    });
    const placeholders = [...found.text.matchAll(new RegExp(PLACEHOLDER, "gi"))].map(
      (match) => match[0],
    );
    const readable =
      found.title !== "" &&
      found.words >= MIN_WORDS &&
      found.snippetsWithoutCode === 0 &&
      placeholders.length === 0;
    return {
      readable,
      title: found.title,
      words: found.words,
      snippetsWithoutCode: found.snippetsWithoutCode,
      placeholders,
    };
  } finally {
    await context.close();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One Lighthouse run in a Chromium of its own, reached over its debugging port. */
async function lighthouseOnce(url, chromePath) {
  const { default: lighthouse } = await import("lighthouse");
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: [
      ...CHROMIUM_FLAGS.filter((flag) => !flag.startsWith("--headless")),
      `--remote-debugging-port=${port}`,
    ],
  });
  try {
    const result = await lighthouse(url, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      // The worker would precache the whole site during the trace.
      blockedUrlPatterns: ["*/sw.js"],
    });
    const { categories, audits } = result.lhr;
    const observed = audits.metrics?.details?.items?.[0] ?? {};
    return {
      performance: categories.performance.score * 100,
      accessibility: categories.accessibility.score * 100,
      lcpSimulatedMs: audits["largest-contentful-paint"].numericValue,
      tbtSimulatedMs: audits["total-blocking-time"].numericValue,
      lcpObservedMs: observed.observedLargestContentfulPaint ?? Number.NaN,
      throttling: result.lhr.configSettings.throttlingMethod,
    };
  } finally {
    await browser.close();
  }
}

/** Lighthouse (mobile preset) on `url`, `runs` times; medians of each figure. */
export async function lighthouseMedians(url, runs = 3, chromePath = "/usr/bin/chromium") {
  const results = [];
  for (let run = 0; run < runs; run += 1) results.push(await lighthouseOnce(url, chromePath));
  const pick = (key) => median(results.map((result) => result[key]));
  return {
    performance: pick("performance"),
    accessibility: pick("accessibility"),
    lcpSimulatedMs: pick("lcpSimulatedMs"),
    tbtSimulatedMs: pick("tbtSimulatedMs"),
    lcpObservedMs: pick("lcpObservedMs"),
    throttling: results[0]?.throttling ?? "unknown",
  };
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export async function lessonPaths(outDir) {
  const entries = await readdir(join(outDir, "lessons"), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => `lessons/${entry.name}/`)
    .sort();
}

function ms(value) {
  return Number.isFinite(value) ? `${value.toFixed(0)} ms` : "n/a";
}

/** The rows of one page: budget, lazy stages, no-JS reading, Lighthouse. */
async function pageRows(browser, name, url, siteUrl, outDir, chromePath) {
  const rows = [];
  const js = await scriptBytesBeforeInteraction(browser, url, siteUrl, outDir);
  rows.push({
    figure: `${name}: JS before interaction (gzip)`,
    value: `${kib(js.bytes)} in ${js.files} files`,
    target: "< 80 KiB",
    pass: js.bytes < JS_BUDGET_BYTES,
  });
  if (name !== "home") {
    const stages = await lazyStages(browser, url, siteUrl, outDir);
    const unhydrated =
      stages.unhydrated > 0 ? ` (${stages.unhydrated} islands never hydrated)` : "";
    rows.push({
      figure: `${name}: + deep dives opened, scrolled through, every island hydrated`,
      value: `${kib(stages.scroll.all.bytes)} in ${stages.scroll.all.files} files${unhydrated}`,
    });
    rows.push({
      figure: `${name}: + search opened and queried`,
      value: `${kib(stages.search.all.bytes)} in ${stages.search.all.files} files`,
    });
    rows.push({
      figure: `${name}: + first snippet's editor opened (with the compiler warmed)`,
      value: stages.editor
        ? `${kib(stages.editor.all.bytes)} in ${stages.editor.all.files} files`
        : "no snippet",
    });
    const noJs = await readsWithoutJavaScript(browser, url);
    const why = noJs.readable
      ? `${noJs.words} words`
      : `${noJs.words} words, ${noJs.snippetsWithoutCode} snippets without code, ` +
        `placeholders: ${noJs.placeholders.join(", ") || "none"}`;
    rows.push({
      figure: `${name}: readable with JavaScript disabled`,
      value: `${noJs.readable ? "yes" : "no"} (${why})`,
      target: "yes",
      pass: noJs.readable,
    });
  }
  const lh = await lighthouseMedians(url, LIGHTHOUSE_RUNS, chromePath);
  const mode = lh.throttling === "simulate" ? "simulated mobile" : lh.throttling;
  rows.push({
    figure: `${name}: Lighthouse LCP (${mode}; observed unthrottled)`,
    value: `${ms(lh.lcpSimulatedMs)} (${ms(lh.lcpObservedMs)})`,
  });
  rows.push({ figure: `${name}: Lighthouse TBT (${mode})`, value: ms(lh.tbtSimulatedMs) });
  rows.push({
    figure: `${name}: Lighthouse performance`,
    value: String(Math.round(lh.performance)),
    target: ">= 95",
    pass: lh.performance >= 95,
  });
  rows.push({
    figure: `${name}: Lighthouse accessibility`,
    value: String(Math.round(lh.accessibility)),
    target: "100",
    pass: lh.accessibility === 100,
  });
  return rows;
}

export async function measure({ browser, siteUrl, outDir }) {
  const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const rows = [];
  for (const path of ["", ...(await lessonPaths(outDir))]) {
    const url = new URL(path, siteUrl).href;
    const name = path === "" ? "home" : path.replace(/^lessons\/|\/$/g, "");
    process.stdout.write(`bench: pages: ${name}\n`);
    rows.push(...(await pageRows(browser, name, url, siteUrl, outDir, chromePath)));
  }
  return rows;
}
