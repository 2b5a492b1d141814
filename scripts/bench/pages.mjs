// Page weight and speed of every lesson page of a built site: JavaScript
// loaded before any interaction (gzip, as a CDN would serve it), largest
// contentful paint and total blocking time, and Lighthouse's performance
// and accessibility scores (median of several runs; TBT is noisy on 2 cores).
import { readdir, readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";

export const title = "Lesson pages: JavaScript before interaction, LCP, TBT, Lighthouse";

/** Lighthouse runs per page; the median of each figure is reported. */
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const JS_BUDGET_BYTES = 80 * 1024; // 80 KiB gzip before interaction

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

/**
 * Loads `url` in a fresh page and sums the gzip size of the scripts it
 * fetched before any interaction (after the network went idle). Workers
 * and wasm count too: they are JavaScript the reader downloads.
 */
export async function scriptBytesBeforeInteraction(browser, url, siteUrl, outDir) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Set();
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (type === "script" || /\.(m?js|wasm)(\?|$)/.test(response.url()))
      scripts.add(response.url());
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForTimeout(500);
  let total = 0;
  for (const script of scripts) total += await gzipBytesOf(script, siteUrl, outDir);
  await context.close();
  return { bytes: total, files: scripts.size };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Lighthouse (mobile preset) on `url`, `runs` times; medians of each figure. */
export async function lighthouseMedians(url, runs = 3, chromePath = "/usr/bin/chromium") {
  const results = [];
  for (let run = 0; run < runs; run += 1) {
    const chrome = await launch({ chromePath, chromeFlags: CHROMIUM_FLAGS });
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      });
      const { categories, audits } = result.lhr;
      results.push({
        performance: categories.performance.score * 100,
        accessibility: categories.accessibility.score * 100,
        bestPractices: categories["best-practices"].score * 100,
        seo: categories.seo.score * 100,
        lcpMs: audits["largest-contentful-paint"].numericValue,
        tbtMs: audits["total-blocking-time"].numericValue,
      });
    } finally {
      await chrome.kill();
    }
  }
  const pick = (key) => median(results.map((result) => result[key]));
  return {
    performance: pick("performance"),
    accessibility: pick("accessibility"),
    bestPractices: pick("bestPractices"),
    seo: pick("seo"),
    lcpMs: pick("lcpMs"),
    tbtMs: pick("tbtMs"),
  };
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function lessonPaths(outDir) {
  const entries = await readdir(join(outDir, "lessons"), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => `lessons/${entry.name}/`)
    .sort();
}

/** What opening the search dialog downloads (pagefind's script, wasm, index). */
async function searchStageBytes(browser, url, siteUrl, outDir) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  const loaded = new Set();
  page.on("response", (response) => loaded.add(response.url()));
  await page.locator("[data-search-open]").click();
  await page.locator("[data-search-input]").fill("cache");
  await page.locator(".search-results a").first().waitFor({ timeout: 15_000 });
  let total = 0;
  for (const file of loaded) total += await gzipBytesOf(file, siteUrl, outDir);
  await context.close();
  return total;
}

export async function measure({ browser, siteUrl, outDir }) {
  const rows = [];
  const pages = ["", ...(await lessonPaths(outDir))];
  for (const path of pages) {
    const url = new URL(path, siteUrl).href;
    const name = path === "" ? "home" : path.replace(/^lessons\/|\/$/g, "");
    const js = await scriptBytesBeforeInteraction(browser, url, siteUrl, outDir);
    rows.push({
      figure: `${name}: JS before interaction (gzip)`,
      value: `${kib(js.bytes)} in ${js.files} files`,
      target: "< 80 KiB",
      pass: js.bytes < JS_BUDGET_BYTES,
    });
    const lh = await lighthouseMedians(url, LIGHTHOUSE_RUNS);
    rows.push({ figure: `${name}: largest contentful paint`, value: `${lh.lcpMs.toFixed(0)} ms` });
    rows.push({ figure: `${name}: total blocking time`, value: `${lh.tbtMs.toFixed(0)} ms` });
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
  }
  const search = await searchStageBytes(
    browser,
    new URL(pages[1] ?? "", siteUrl).href,
    siteUrl,
    outDir,
  );
  rows.push({ figure: "lazy stage: search opened and queried (gzip)", value: kib(search) });
  return rows;
}
