/**
 * Compiles a reader's snippet, and a widget's probe if one is set, into
 * scripts the sandbox worker runs. Only `cost` can be imported.
 *
 * The usual snippet takes one esbuild `transform` to CommonJS (a few
 * milliseconds when warm): the worker supplies `require("cost")`. A snippet
 * that awaits at top level, or whose imports need checking against what
 * `cost` exports, takes the slower `build` path, which bundles it as a
 * module with a shim for `cost` and reports bad imports with positions.
 *
 * Both paths keep every import a reader wrote, used or not (TypeScript would
 * drop an unused one), so an import of anything but `cost` is refused at
 * compile time, never left to fail, or to reach the network, at run time.
 */
import type {
  BuildFailure,
  BuildOptions,
  BuildResult,
  Message,
  Plugin,
  TransformOptions,
  TransformResult,
} from "esbuild-wasm";
import { closestName } from "./messages";
import type { ScriptPosition } from "./protocol";
import { decodeMappings, originalPositionFor, type SourceMapData } from "./sourceMap";

/** The part of esbuild's API the compiler uses (browser or Node build). */
export interface Esbuild {
  build(options: BuildOptions & { write: false }): Promise<BuildResult<BuildOptions>>;
  transform(input: string, options: TransformOptions): Promise<TransformResult<TransformOptions>>;
}

/** Which text a problem or stack frame points into. */
export type SourceName = "snippet" | "probe";

/** A compile error, worded for a learner, at a 1-based line and column. */
export interface CompileProblem {
  source: SourceName;
  line: number;
  column: number;
  message: string;
}

/** One compiled script with its source map, decoded for lookups. */
export interface CompiledScript {
  code: string;
  map: SourceMapData;
  mappings: ReturnType<typeof decodeMappings>;
}

/**
 * What the worker runs. "cjs": a CommonJS body taking `require`, `module`,
 * `exports`. "esm": an async function body that calls `__crux.finish` with
 * the snippet's namespace. The probe, if any, is CommonJS whose default
 * export is the probe function.
 */
export interface CompiledRun {
  format: "cjs" | "esm";
  snippet: CompiledScript;
  probe: CompiledScript | null;
}

export type CompileResult =
  ({ ok: true } & CompiledRun) | { ok: false; problems: CompileProblem[] };

export interface CompileOptions {
  /** The names the cost module exports, which snippets may import. */
  costExports: readonly string[];
  /** A widget's probe: a function expression, run after the snippet. */
  probe?: string;
}

const SNIPPET_FILE = "snippet.ts";
const PROBE_FILE = "probe.ts";

/** The bundled run script's entry: the snippet's namespace goes to the worker. */
const entry = 'import * as snippet from "crux:snippet";\nawait __crux.finish(snippet);\n';

/** The `cost` module inside a bundled run script: the worker's copy, by name. */
export function costShim(names: readonly string[]): string {
  const valid = names.filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  return `export const { ${valid.join(", ")} } = __crux.cost;\n`;
}

/** The message for an import of anything but `cost`. */
export function importMessage(path: string): string {
  return (
    `Only "cost" can be imported in a Crux snippet, so "${path}" is not available here. ` +
    `Use what "cost" exports, or write the helper in the snippet itself.`
  );
}

/** The message for an `import()` whose module name is only known at run time. */
export function computedImportMessage(): string {
  return (
    'Only "cost" can be imported in a Crux snippet, and this import() names its module ' +
    'at run time, so it is not available here. Import from "cost" at the top instead.'
  );
}

/**
 * Keeps imports the TypeScript way of `verbatimModuleSyntax`: an import
 * whose names go unused stays in the output, so it is checked like the rest.
 * Type-only names (`import type`, `type X`) are still dropped.
 */
const keepImports = { compilerOptions: { verbatimModuleSyntax: true } };

function failureOf(error: unknown): Message[] {
  const errors = (error as Partial<BuildFailure>).errors;
  if (!Array.isArray(errors)) throw error;
  return errors;
}

function scriptFrom(code: string, mapText: string): CompiledScript {
  const map = JSON.parse(mapText || "{}") as SourceMapData;
  return { code, map, mappings: decodeMappings(map.mappings ?? "") };
}

const transformOptions = (sourcefile: string): TransformOptions => ({
  loader: "ts",
  format: "cjs",
  target: "esnext",
  sourcemap: "external",
  sourcefile,
  sourcesContent: false,
  logLevel: "silent",
  tsconfigRaw: keepImports,
});

let lastProbe: { source: string; result: CompiledScript | CompileProblem[] } | null = null;

/** The probe as CommonJS; widgets rarely change it, so the last one is kept. */
async function compileProbe(
  esbuild: Esbuild,
  source: string,
  options: CompileOptions,
): Promise<CompiledScript | CompileProblem[]> {
  if (lastProbe?.source === source) return lastProbe.result;
  let result: CompiledScript | CompileProblem[];
  try {
    const out = await esbuild.transform(
      `export default (\n${source}\n);\n`,
      transformOptions(PROBE_FILE),
    );
    result = scriptFrom(out.code, out.map);
  } catch (error) {
    result = failureOf(error).map((message) => problemFrom(message, options));
  }
  lastProbe = { source, result };
  return result;
}

/**
 * The fast path: one transform to CommonJS. Null when the snippet needs the
 * build path: top-level await, an `import()`, or imports that must be
 * checked by name (the build path refuses any but "cost" with a position).
 */
async function transformSnippet(
  esbuild: Esbuild,
  source: string,
  options: CompileOptions,
): Promise<CompiledScript | CompileProblem[] | null> {
  let out: TransformResult<TransformOptions>;
  try {
    out = await esbuild.transform(source, transformOptions(SNIPPET_FILE));
  } catch (error) {
    const messages = failureOf(error);
    if (messages.some((message) => /^Top-level (await|for-await)/.test(message.text))) return null;
    return messages.map((message) => problemFrom(message, options));
  }
  const required = [...out.code.matchAll(/\brequire\("([^"]*)"\)/g)].map((match) => match[1]);
  if (required.some((path) => path !== "cost")) return null;
  if (/\bimport\s*\(/.test(out.code)) return null;
  const used = [...out.code.matchAll(/\bimport_cost\d*\.([A-Za-z_$][\w$]*)/g)].map(
    (match) => match[1]!,
  );
  if (used.some((name) => !options.costExports.includes(name))) return null;
  return scriptFrom(out.code, out.map);
}

function cruxPlugin(source: string, options: CompileOptions): Plugin {
  return {
    name: "crux",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.path === "crux:snippet") return { path: SNIPPET_FILE, namespace: "crux" };
        if (args.path === "cost") return { path: "cost", namespace: "crux-cost" };
        return { errors: [{ text: importMessage(args.path) }] };
      });
      build.onLoad({ filter: /.*/, namespace: "crux" }, () => ({ contents: source, loader: "ts" }));
      build.onLoad({ filter: /.*/, namespace: "crux-cost" }, () => ({
        contents: costShim(options.costExports),
        loader: "js",
      }));
    },
  };
}

/** The build path: the snippet bundled as a module, its imports checked. */
async function bundleSnippet(
  esbuild: Esbuild,
  source: string,
  options: CompileOptions,
): Promise<CompiledScript | CompileProblem[]> {
  let result: BuildResult<BuildOptions>;
  try {
    result = await esbuild.build({
      stdin: { contents: entry, loader: "ts", sourcefile: "run.ts" },
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "esnext",
      outfile: "run.js",
      sourcemap: "external",
      sourcesContent: false,
      logLevel: "silent",
      tsconfigRaw: keepImports,
      plugins: [cruxPlugin(source, options)],
    });
  } catch (error) {
    return failureOf(error).map((message) => problemFrom(message, options));
  }
  const files = result.outputFiles ?? [];
  const code = files.find((file) => file.path.endsWith(".js"))?.text ?? "";
  const script = scriptFrom(code, files.find((file) => file.path.endsWith(".map"))?.text ?? "{}");
  const computed = computedImports(script, source);
  return computed.length > 0 ? computed : script;
}

/**
 * The `import(name)` calls esbuild could not resolve because `name` is an
 * expression: each one left in the output, mapped back to the snippet. A
 * match that maps to anything but the word `import` there (the text of a
 * string, say) is not a call.
 */
function computedImports(script: CompiledScript, source: string): CompileProblem[] {
  const sourceLines = source.split("\n");
  const outputLines = script.code.split("\n");
  const problems: CompileProblem[] = [];
  outputLines.forEach((text, line) => {
    for (const match of text.matchAll(/\bimport\s*\(/g)) {
      const at = originalPositionFor(script.map, script.mappings, line, match.index);
      if (!at || sourceNameOf(at.source) !== "snippet") continue;
      if (!sourceLines[at.line]?.startsWith("import", at.column)) continue;
      problems.push({
        source: "snippet",
        line: at.line + 1,
        column: at.column + 1,
        message: computedImportMessage(),
      });
    }
  });
  return problems;
}

/** Compiles `source` (and the probe) for the worker, or says what stops it compiling. */
export async function compileSnippet(
  esbuild: Esbuild,
  source: string,
  options: CompileOptions,
): Promise<CompileResult> {
  const probe =
    options.probe === undefined ? null : await compileProbe(esbuild, options.probe, options);
  if (Array.isArray(probe)) return { ok: false, problems: probe };
  const fast = await transformSnippet(esbuild, source, options);
  if (Array.isArray(fast)) return { ok: false, problems: fast };
  if (fast) return { ok: true, format: "cjs", snippet: fast, probe };
  const bundled = await bundleSnippet(esbuild, source, options);
  if (Array.isArray(bundled)) return { ok: false, problems: bundled };
  return { ok: true, format: "esm", snippet: bundled, probe };
}

/** The UTF-16 column of byte offset `byteColumn` in `lineText`. */
export function columnFromByteOffset(lineText: string, byteColumn: number): number {
  const bytes = new TextEncoder().encode(lineText).slice(0, byteColumn);
  return new TextDecoder().decode(bytes).length;
}

/** Which source a path in esbuild's messages or source map names. */
export function sourceNameOf(file: string): SourceName | null {
  if (file.endsWith(SNIPPET_FILE)) return "snippet";
  if (file.endsWith(PROBE_FILE)) return "probe";
  return null;
}

function problemFrom(message: Message, options: CompileOptions): CompileProblem {
  const location = message.location;
  const source = sourceNameOf(location?.file ?? "") ?? "snippet";
  // The probe module starts with one line before the widget's expression.
  const lineShift = source === "probe" ? 1 : 0;
  return {
    source,
    line: location ? Math.max(1, location.line - lineShift) : 1,
    column: location ? columnFromByteOffset(location.lineText, location.column) + 1 : 1,
    message: learnerText(message.text, options),
  };
}

/** Rewrites the esbuild messages a learner meets most into plainer words. */
function learnerText(text: string, options: CompileOptions): string {
  const missing = /^No matching export in "(?:crux-cost:)?cost" for import "([^"]+)"$/.exec(text);
  if (missing) {
    const name = missing[1]!;
    const suggestion = closestName(name, options.costExports);
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : "";
    return `"cost" has no export named "${name}".${hint}`;
  }
  return text;
}

/**
 * Where, in the snippet or the probe, the innermost stack frame that maps
 * to either of them points (1-based line and column), if any does.
 */
export function locateFrames(
  frames: ScriptPosition[],
  compiled: CompiledRun,
): { source: SourceName; line: number; column: number } | undefined {
  for (const frame of frames) {
    const script = frame.script === "probe" ? compiled.probe : compiled.snippet;
    if (!script) continue;
    const position = originalPositionFor(
      script.map,
      script.mappings,
      frame.line - 1,
      frame.column - 1,
    );
    const source = position ? sourceNameOf(position.source) : null;
    if (!position || !source) continue;
    // The probe module starts with one line before the widget's expression.
    const lineShift = source === "probe" ? 1 : 0;
    return { source, line: position.line + 1 - lineShift, column: position.column + 1 };
  }
  return undefined;
}
