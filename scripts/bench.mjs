// The benchmark: builds the site for a sub-path, serves it, opens Chromium
// and runs each section under scripts/bench/, then prints one table of
// figures. `npm run bench -- notebook` runs only the sections named.
//
// A section is scripts/bench/<name>.mjs exporting
//   export const title = "What it measures";
//   export async function measure({ browser, siteUrl, outDir, base }) { return rows; }
// where each row is { figure, value, target?, pass? } (strings, pass a boolean).
// Files without `measure` are helpers and are skipped.
//
// BENCH_REUSE_BUILD=1 skips the build when dist-bench/ exists.
//
// The table is also written as markdown to bench-results/latest.md;
// `npm run bench -- --readme` copies it into README.md, between the
// <!-- bench:start --> and <!-- bench:end --> markers. A row that misses
// its target prints MISSED; the run still exits 0 (the budgets that must
// hold in CI are e2e tests).
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { buildSite } from "./build.mjs";
import { startServer } from "./serve.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const sectionsDir = fileURLToPath(new URL("./bench/", import.meta.url));
const BASE = "/crux-bench/sub/path/";
const OUT_DIR = "dist-bench";

/** Chromium as the e2e tests run it; it must not call home on a closed network. */
export const BENCH_CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function loadSections(only) {
  const files = (await readdir(sectionsDir)).filter((file) => file.endsWith(".mjs")).sort();
  const sections = [];
  for (const file of files) {
    const name = file.replace(/\.mjs$/, "");
    if (only.length > 0 && !only.includes(name)) continue;
    const module = await import(pathToFileURL(`${sectionsDir}${file}`).href);
    if (typeof module.measure === "function") sections.push({ name, ...module });
  }
  const unknown = only.filter((name) => !files.includes(`${name}.mjs`));
  if (unknown.length > 0) {
    throw new Error(
      `No bench section named ${unknown.join(", ")}; sections are files in scripts/bench/.`,
    );
  }
  return sections;
}

const HEADER = ["section", "figure", "value", "target", ""];

function tableLines(results) {
  return results.flatMap(({ name, rows }) =>
    rows.map((row) => [
      name,
      row.figure,
      row.value,
      row.target ?? "",
      row.pass === undefined ? "" : row.pass ? "ok" : "MISSED",
    ]),
  );
}

/** The results as a markdown table, with when and where they were measured. */
export function markdownTable(results, when = new Date()) {
  const escape = (cell) => cell.replace(/\|/g, "\\|");
  const lines = tableLines(results).map((line) => `| ${line.map(escape).join(" | ")} |`);
  const machine = `${cpus().length} cores, load ${loadavg()[0].toFixed(1)}, Node ${process.version}`;
  return [
    `Measured ${when.toISOString().slice(0, 16).replace("T", " ")} UTC (${machine}).`,
    "",
    `| ${HEADER.slice(0, 4).join(" | ")} | result |`,
    "| --- | --- | --- | --- | --- |",
    ...lines,
  ].join("\n");
}

/** Replaces the text between the bench markers of `readme` with `table`. */
export function replaceBenchBlock(readme, table) {
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to < from) {
    throw new Error(`README.md must hold "${start}" and, after it, "${end}"; found neither pair.`);
  }
  return `${readme.slice(0, from + start.length)}\n\n${table}\n\n${readme.slice(to)}`;
}

/** Markdown as the committed Prettier config formats it, so `--check` stays clean. */
async function prettierMarkdown(text, path) {
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(text, { ...options, filepath: path });
}

async function writeResults(results, { readme }) {
  const table = markdownTable(results);
  const latest = `${root}bench-results/latest.md`;
  await mkdir(`${root}bench-results`, { recursive: true });
  await writeFile(latest, await prettierMarkdown(`${table}\n`, latest));
  process.stdout.write(`\nbench: wrote bench-results/latest.md\n`);
  if (readme) {
    const path = `${root}README.md`;
    const replaced = replaceBenchBlock(await readFile(path, "utf8"), table);
    await writeFile(path, await prettierMarkdown(replaced, path));
    process.stdout.write("bench: replaced the bench block of README.md\n");
  }
}

function printTable(results) {
  const header = HEADER;
  const lines = tableLines(results);
  const widths = header.map((_, column) =>
    Math.max(header[column].length, ...lines.map((line) => line[column].length)),
  );
  const format = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ");
  process.stdout.write(
    `\n${format(header)}\n${widths.map((width) => "-".repeat(width)).join("  ")}\n`,
  );
  for (const line of lines) process.stdout.write(`${format(line).trimEnd()}\n`);
}

async function main() {
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  const readme = process.argv.includes("--readme");
  const sections = await loadSections(only);
  let buildFigure = "reused (BENCH_REUSE_BUILD=1)";
  if (process.env.BENCH_REUSE_BUILD !== "1" || !existsSync(`${root}${OUT_DIR}`)) {
    const started = performance.now();
    await buildSite({ base: BASE, outDir: OUT_DIR });
    buildFigure = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  }
  const { server, url } = await startServer({ dir: `${root}${OUT_DIR}`, base: BASE, port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: BENCH_CHROMIUM_ARGS,
  });
  const results = [
    {
      name: "build",
      rows: [{ figure: "astro build + pagefind + service worker", value: buildFigure }],
    },
  ];
  try {
    for (const section of sections) {
      process.stdout.write(`bench: ${section.name}: ${section.title ?? ""}\n`);
      const rows = await section.measure({
        browser,
        siteUrl: url,
        outDir: `${root}${OUT_DIR}`,
        base: BASE,
      });
      results.push({ name: section.name, rows });
    }
  } finally {
    await browser.close();
    server.close();
  }
  printTable(results);
  await writeResults(results, { readme });
  const missed = tableLines(results).filter((line) => line[4] === "MISSED").length;
  if (missed > 0) process.stdout.write(`bench: ${missed} figures MISSED their target\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
