// The notebook runtime in Chromium: the bytes each stage of a snippet cell
// loads (static page, editor, first run; the editor's split into Monaco,
// esbuild and the sandbox), how long the first run takes after the editor
// opens, a warm compile-and-run of a 20-line snippet, how soon a runaway
// run's stop shows, and esbuild's compile of several lesson snippets beside
// TypeScript's `transpileModule` of the same in the same page (Monaco's
// bundled compiler, as the TypeScript Playground does it): the ratio to beat.
import { readdir, readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

export const title = "snippet cells: bytes per stage, first run, warm compile and run";

const LESSON = "lessons/per-token-arithmetic/";
const CELL = '[data-snippet="first-bill"]';
/** Warm runs measured; the median is reported. */
const WARM_RUNS = 40;
/** Runs of each lesson snippet for the compiler comparison; the median is reported. */
const SNIPPET_RUNS = 10;
/** The lesson whose snippets the compiler comparison runs: all of them. */
const SNIPPET_DIR = fileURLToPath(
  new URL("../../content/snippets/per-token-arithmetic/", import.meta.url),
);
/** Runaway runs timed from Run to the stop message. */
const STOP_RUNS = 3;
const typescriptFile = fileURLToPath(
  new URL(
    "../../node_modules/monaco-editor/esm/vs/languages/features/typescript/lib/typescriptServices.js",
    import.meta.url,
  ),
);

/** A 20-line snippet of the kind the lessons hold. */
export const TWENTY_LINES = `import { costOf, formatUsd } from "cost";

interface Call {
  model: string;
  inputTokens: number;
  outputTokens: number;
}

const calls: Call[] = [
  { model: "claude-haiku-4.5", inputTokens: 3_000, outputTokens: 400 },
  { model: "claude-sonnet-4.5", inputTokens: 12_000, outputTokens: 800 },
  { model: "gpt-5", inputTokens: 8_000, outputTokens: 1_200 },
];

export const rows = calls.map((call) => ({
  model: call.model,
  usd: costOf({ inputTokens: call.inputTokens, outputTokens: call.outputTokens }, call.model),
}));

export const total = rows.reduce((sum, row) => sum + row.usd, 0);
console.log("total", formatUsd(total)); // edit
`;

function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

/**
 * Where a built file belongs, by its name under `_astro/`: Monaco and its
 * workers, esbuild (its wasm, and the chunk that holds esbuild-wasm's JS
 * with the notebook's compile and run code and the inline runner page),
 * the sandbox's worker script, or the rest of the page.
 */
const GROUPS = [
  [
    "Monaco + its workers",
    /^(monacoEditor|editor\.worker|ts\.worker|tsMode|typescript|codicon)[.-]/,
  ],
  ["esbuild-wasm JS + esbuild.wasm", /^(esbuild|runSnippet)\./],
  ["sandbox runner (worker script)", /^worker-/],
];

function groupOf(file) {
  const name = file.split("/").pop();
  return GROUPS.find(([, pattern]) => pattern.test(name))?.[0] ?? "other";
}

/**
 * Raw and brotli sizes of the site files behind `urls`, read from the build,
 * in total and by group. A URL that is not a file of the build (another
 * origin, a blob: or data: URL, a file missing from the output) is counted
 * and listed, not skipped in silence.
 */
async function bytesOf(urls, siteUrl, outDir) {
  const groups = new Map();
  const unmatched = [];
  let raw = 0;
  let brotli = 0;
  const site = new URL(siteUrl);
  for (const url of urls) {
    const parsed = new URL(url);
    const path = decodeURIComponent(parsed.pathname);
    if (parsed.origin !== site.origin || !path.startsWith(site.pathname)) {
      unmatched.push(url);
      continue;
    }
    const relative = path.slice(site.pathname.length);
    const file = relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative;
    const bytes = await readFile(join(outDir, file)).catch(() => null);
    if (!bytes) {
      unmatched.push(url);
      continue;
    }
    const packed = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
    raw += bytes.length;
    brotli += packed;
    const group = groups.get(groupOf(file)) ?? { raw: 0, brotli: 0 };
    groups.set(groupOf(file), { raw: group.raw + bytes.length, brotli: group.brotli + packed });
  }
  return { raw, brotli, groups, unmatched, text: `${kib(raw)} raw, ${kib(brotli)} brotli` };
}

/** The rows for one stage's bytes: the total, each group, and what did not match. */
function byteRows(label, bytes, { split = false } = {}) {
  const rows = [{ figure: `bytes: ${label}`, value: bytes.text }];
  if (split) {
    for (const name of [...GROUPS.map(([group]) => group), "other"]) {
      const group = bytes.groups.get(name) ?? { raw: 0, brotli: 0 };
      rows.push({
        figure: `  ${name}`,
        value: `${kib(group.raw)} raw, ${kib(group.brotli)} brotli`,
      });
    }
  }
  const shown = bytes.unmatched.slice(0, 3).map((url) => url.slice(0, 60));
  const more = bytes.unmatched.length > 3 ? `, … ${bytes.unmatched.length - 3} more` : "";
  rows.push({
    figure: "  requests not counted (not a file of the build)",
    value:
      bytes.unmatched.length === 0 ? "0" : `${bytes.unmatched.length}: ${shown.join(", ")}${more}`,
  });
  return rows;
}

/**
 * Collects every request the page and its frames and workers make. Service
 * workers are blocked in the bench's contexts: the offline cache's install
 * would otherwise count as bytes the cell loads.
 */
function recordRequests(context) {
  const seen = [];
  context.on("request", (request) => seen.push(request.url()));
  return {
    since(mark) {
      return [...new Set(seen.slice(mark))];
    },
    get mark() {
      return seen.length;
    },
  };
}

/** Opens the lesson and waits for the cell to hydrate (it does when scrolled into view). */
async function openLesson(page, siteUrl) {
  await page.goto(`${siteUrl}${LESSON}`, { waitUntil: "networkidle" });
  const cell = page.locator(CELL);
  await cell.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (selector) => !document.querySelector(`astro-island:has(${selector})`)?.hasAttribute("ssr"),
    CELL,
  );
  return cell;
}

/** The figures the cell's output pane carries once a newer run settles. */
async function nextRun(page, previous) {
  await page.waitForFunction(
    ([selector, before]) => {
      const output = document.querySelector(`${selector} .notebook-output`);
      return (
        output?.getAttribute("data-state") === "ok" && output.getAttribute("data-run") !== before
      );
    },
    [CELL, previous],
    { timeout: 60_000 },
  );
  const output = page.locator(`${CELL} .notebook-output`);
  return {
    compile: Number(await output.getAttribute("data-compile-ms")),
    run: Number(await output.getAttribute("data-run-ms")),
  };
}

async function runAndTime(page, cell) {
  const before = await cell.locator(".notebook-output").getAttribute("data-run");
  const started = Date.now();
  await cell.locator(".notebook-run").click();
  const times = await nextRun(page, before);
  return { ...times, wall: Date.now() - started };
}

/**
 * Edits the snippet (one character at the end of its last line) and times
 * the re-run that follows: a changed snippet, compiled and run anew.
 */
async function editAndTime(page, cell, character) {
  const before = await cell.locator(".notebook-output").getAttribute("data-run");
  await page.keyboard.type(character);
  return nextRun(page, before);
}

/** Pastes `code` over the editor's text (typing would auto-close brackets). */
async function replaceCode(page, cell, code) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await cell.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
  const lastLine = code.trimEnd().split("\n").pop().trim().slice(0, 30);
  await cell.locator(".monaco-editor .view-lines", { hasText: lastLine }).waitFor();
  await page.keyboard.press("Escape");
}

/** Fresh pages whose first run is timed; the median is reported. */
const FIRST_RUN_PAGES = 5;

/**
 * Times one run in the page itself: from the Run click event to the frame
 * that shows its output, so the figure is what a reader waits, without the
 * driver's own wait for the button to stand still.
 */
async function runTimedInPage(page, cell) {
  const before = await cell.locator(".notebook-output").getAttribute("data-run");
  await page.evaluate(
    ([selector, previous]) => {
      const output = document.querySelector(`${selector} .notebook-output`);
      const run = document.querySelector(`${selector} .notebook-run`);
      window.__firstRun = new Promise((resolve) => {
        let clickedAt = 0;
        run.addEventListener("click", () => (clickedAt = performance.now()), { once: true });
        const shown = new MutationObserver(() => {
          const done = output.getAttribute("data-state") === "ok";
          if (!done || output.getAttribute("data-run") === previous) return;
          shown.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - clickedAt));
        });
        shown.observe(output, { attributes: true, childList: true, subtree: true });
      });
    },
    [CELL, before],
  );
  const started = Date.now();
  await cell.locator(".notebook-run").click();
  const times = await nextRun(page, before);
  const inPage = await page.evaluate(() => window.__firstRun);
  return { ...times, inPage, wall: Date.now() - started };
}

/**
 * First run right after the editor shows, and after it has been open a
 * while, each on fresh pages: medians of the in-page time, the driver's
 * wall time and the compile and run inside them.
 */
async function firstRuns(browser, siteUrl) {
  const figures = {};
  for (const [label, waitMs] of [
    ["at once", 0],
    ["after 3 s idle", 3000],
  ]) {
    const samples = [];
    for (let page = 0; page < FIRST_RUN_PAGES; page++) {
      samples.push(await firstRunOnFreshPage(browser, siteUrl, waitMs));
    }
    const of = (key) => median(samples.map((sample) => sample[key]));
    figures[label] = {
      inPage: of("inPage"),
      wall: of("wall"),
      compileAndRun: median(samples.map((sample) => sample.compile + sample.run)),
    };
  }
  return figures;
}

async function firstRunOnFreshPage(browser, siteUrl, waitMs) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const cell = await openLesson(page, siteUrl);
  await cell.getByRole("button", { name: "Edit" }).click();
  await cell.locator(".monaco-editor .view-lines").waitFor();
  await page.waitForTimeout(waitMs);
  const times = await runTimedInPage(page, cell);
  await context.close();
  return times;
}

/** TypeScript's transpileModule on each of `sources`, in the same page. */
async function transpileTimes(page, siteUrl, sources) {
  const url = `${siteUrl}__bench__/typescriptServices.js`;
  await page.route(url, async (route) =>
    route.fulfill({ body: await readFile(typescriptFile), contentType: "text/javascript" }),
  );
  return page.evaluate(
    async ([moduleUrl, sources, runs]) => {
      const loaded = performance.now();
      const { typescript: ts } = await import(moduleUrl);
      const loadMs = performance.now() - loaded;
      const options = {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ESNext },
        reportDiagnostics: true,
      };
      const first = performance.now();
      ts.transpileModule(sources[0], options);
      const firstMs = performance.now() - first;
      const warmMs = sources.map((source) => {
        const warm = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          ts.transpileModule(`${source}\n// ${i}\n`, options);
          warm.push(performance.now() - started);
        }
        warm.sort((a, b) => a - b);
        return warm[Math.floor(warm.length / 2)];
      });
      return { loadMs, firstMs, warmMs };
    },
    [url, sources, WARM_RUNS],
  );
}

/** The lesson's snippets, by name, each with its text. */
async function lessonSnippets() {
  const files = (await readdir(SNIPPET_DIR)).filter((file) => file.endsWith(".ts")).sort();
  return Promise.all(
    files.map(async (file) => ({
      name: file,
      source: await readFile(join(SNIPPET_DIR, file), "utf8"),
    })),
  );
}

/** The median esbuild compile of `source` in the cell, Run pressed SNIPPET_RUNS times. */
async function cellCompileMs(page, cell, source) {
  await replaceCode(page, cell, source);
  const compiles = [];
  for (let i = 0; i < SNIPPET_RUNS; i++) compiles.push((await runAndTime(page, cell)).compile);
  return median(compiles);
}

/**
 * From Run pressed on `while (true) {}` to the stop message on screen, by
 * Playwright's clock and by the run's own (data-run-ms: from the moment the
 * frame had the run).
 */
async function stopTimes(page, cell) {
  await replaceCode(page, cell, "let spins = 0;\nwhile (true) spins++;\n");
  const walls = [];
  const runs = [];
  for (let i = 0; i < STOP_RUNS; i++) {
    const output = cell.locator(".notebook-output");
    const before = await output.getAttribute("data-run");
    const started = Date.now();
    await cell.locator(".notebook-run").click();
    await page.waitForFunction(
      ([selector, previous]) => {
        const pane = document.querySelector(`${selector} .notebook-output`);
        return (
          pane?.getAttribute("data-state") === "timeout" &&
          pane.getAttribute("data-run") !== previous
        );
      },
      [CELL, before],
      { timeout: 30_000 },
    );
    walls.push(Date.now() - started);
    runs.push(Number(await output.getAttribute("data-run-ms")));
  }
  return { wall: median(walls), run: median(runs), slowest: Math.max(...walls) };
}

export async function measure({ browser, siteUrl, outDir }) {
  const rows = [];
  const context = await browser.newContext({ serviceWorkers: "block" });
  const requests = recordRequests(context);
  const page = await context.newPage();

  const cell = await openLesson(page, siteUrl);
  const staticBytes = await bytesOf(requests.since(0), siteUrl, outDir);
  rows.push(...byteRows("lesson page, before any reach", staticBytes));

  let mark = requests.mark;
  const opening = Date.now();
  await cell.getByRole("button", { name: "Edit" }).click();
  await cell.locator(".monaco-editor .view-lines").waitFor();
  const openMs = Date.now() - opening;
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(3000);
  const editorBytes = await bytesOf(requests.since(mark), siteUrl, outDir);
  rows.push(
    ...byteRows("editor open (Monaco, its workers, warm-up)", editorBytes, { split: true }),
  );
  rows.push({ figure: "time: Edit clicked to Monaco shown", value: `${openMs} ms` });

  mark = requests.mark;
  await replaceCode(page, cell, TWENTY_LINES);
  await runAndTime(page, cell);
  const runBytes = await bytesOf(requests.since(mark), siteUrl, outDir);
  rows.push(...byteRows("first run after warm-up (left to load)", runBytes));

  // Let the TypeScript worker finish checking the pasted code, then edit
  // the last line character by character: each edit re-runs the snippet.
  await page.waitForTimeout(2000);
  await cell.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("End");
  const warm = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await editAndTime(page, cell, String(i % 10)));
  const edited = warm.map((run) => run.compile + run.run);

  // Run pressed on the same 20 lines: compiled and run anew each time, with
  // no type-checking of a fresh edit competing for the two cores.
  const pressed = [];
  for (let i = 0; i < WARM_RUNS; i++) pressed.push(await runAndTime(page, cell));
  const totals = pressed.map((run) => run.compile + run.run);
  const compileMs = median(pressed.map((run) => run.compile));
  const runMs = median(totals);
  const spread = (values) =>
    `fastest ${percentile(values, 0).toFixed(1)}, p90 ${percentile(values, 0.9).toFixed(1)}`;
  rows.push({
    figure: "warm compile + run, 20 lines, Run pressed (median)",
    value: `${runMs.toFixed(1)} ms (${spread(totals)})`,
    target: "≤ 20 ms",
    pass: runMs <= 20,
  });
  rows.push({ figure: "  of which esbuild compile (median)", value: `${compileMs.toFixed(1)} ms` });
  rows.push({
    figure: "  Run click to output on screen (median, via Playwright)",
    value: `${median(pressed.map((run) => run.wall)).toFixed(0)} ms`,
  });
  rows.push({
    figure: "warm compile + run, re-run as the reader types (median)",
    value: `${median(edited).toFixed(1)} ms (${spread(edited)}; Monaco type-checks each edit meanwhile)`,
  });

  const stop = await stopTimes(page, cell);
  rows.push({
    figure: "runaway while (true): Run click to the stop message (median)",
    value:
      `${stop.wall} ms (slowest ${stop.slowest} ms; ` +
      `the run's own clock ${stop.run.toFixed(0)} ms)`,
    target: "≤ 2,000 ms",
    pass: stop.run <= 2000,
  });

  const snippets = [
    { name: "the 20 lines above", source: TWENTY_LINES },
    ...(await lessonSnippets()),
  ];
  const compiles = [];
  for (const snippet of snippets) compiles.push(await cellCompileMs(page, cell, snippet.source));
  const ts = await transpileTimes(
    page,
    siteUrl,
    snippets.map((snippet) => snippet.source),
  );
  rows.push({
    figure: "TypeScript transpileModule, first call in the page",
    value: `${ts.firstMs.toFixed(0)} ms (load ${ts.loadMs.toFixed(0)} ms)`,
  });
  snippets.forEach((snippet, index) => {
    const lines = snippet.source.trimEnd().split("\n").length;
    const esbuildMs = compiles[index];
    const tsMs = ts.warmMs[index];
    rows.push({
      figure: `compile ${snippet.name} (${lines} lines): esbuild / transpileModule (medians)`,
      value:
        `${esbuildMs.toFixed(1)} ms / ${tsMs.toFixed(1)} ms, ` +
        `ratio ${(tsMs / esbuildMs).toFixed(2)}×`,
    });
  });
  const ratios = snippets.map((_, index) => ts.warmMs[index] / compiles[index]);
  rows.push({
    figure: `ratio: transpileModule / esbuild compile, median of ${snippets.length} snippets`,
    value: `${median(ratios).toFixed(2)}×`,
  });
  await context.close();

  const first = await firstRuns(browser, siteUrl);
  for (const [label, times] of Object.entries(first)) {
    rows.push({
      figure: `first run, Run pressed ${label} after the editor shows (median of ${FIRST_RUN_PAGES})`,
      value:
        `${times.inPage.toFixed(0)} ms click to output on screen ` +
        `(compile + run ${times.compileAndRun.toFixed(0)} ms; ` +
        `${times.wall.toFixed(0)} ms as the driver waits, its own checks included)`,
      target: "≤ 600 ms",
      pass: times.inPage <= 600,
    });
  }
  rows.push({ figure: "machine load (1-minute average, 2 cores)", value: loadavg()[0].toFixed(1) });
  return rows;
}
