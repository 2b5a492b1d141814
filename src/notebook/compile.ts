/**
 * Compiles a reader's snippet (and a widget's probe, if one is set) into one
 * run script for the sandbox worker. The script expects a `__crux`
 * parameter: the worker passes the cost module as `__crux.cost`, and the
 * script hands the snippet's exports to `__crux.finish`. Only `cost` can be
 * imported; esbuild works on the snippet alone, so a warm compile takes a
 * few milliseconds.
 */
import type { BuildFailure, BuildOptions, BuildResult, Message, Plugin } from "esbuild-wasm";
import { closestName } from "./messages";
import { decodeMappings, originalPositionFor, type SourceMapData } from "./sourceMap";
import type { ScriptPosition } from "./protocol";

/** The part of esbuild's API the compiler uses (browser or Node build). */
export interface Esbuild {
  build(options: BuildOptions & { write: false }): Promise<BuildResult<BuildOptions>>;
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

/** A compiled run script with its source map, decoded for lookups. */
export interface CompiledRun {
  code: string;
  map: SourceMapData;
  mappings: ReturnType<typeof decodeMappings>;
}

export type CompileResult = ({ ok: true } & CompiledRun) | { ok: false; problems: CompileProblem[] };

export interface CompileOptions {
  /** The names the cost module exports, which snippets may import. */
  costExports: readonly string[];
  /** A widget's probe: a function expression, run after the snippet. */
  probe?: string;
}

const SNIPPET_FILE = "snippet.ts";
const PROBE_FILE = "probe.ts";

/** The run script's entry: the snippet's namespace and the probe go to the worker. */
const entry = [
  'import * as snippet from "crux:snippet";',
  'import probe from "crux:probe";',
  "await __crux.finish(snippet, probe);",
].join("\n");

/** The `cost` module inside a run script: the worker's copy, by name. */
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

function cruxPlugin(source: string, options: CompileOptions): Plugin {
  const probe = options.probe ? `export default (\n${options.probe}\n);\n` : "export default undefined;\n";
  return {
    name: "crux",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.path === "crux:snippet") return { path: SNIPPET_FILE, namespace: "crux" };
        if (args.path === "crux:probe") return { path: PROBE_FILE, namespace: "crux" };
        if (args.path === "cost") return { path: "cost", namespace: "crux-cost" };
        return { errors: [{ text: importMessage(args.path) }] };
      });
      build.onLoad({ filter: /.*/, namespace: "crux" }, (args) => ({
        contents: args.path === SNIPPET_FILE ? source : probe,
        loader: "ts",
      }));
      build.onLoad({ filter: /.*/, namespace: "crux-cost" }, () => ({
        contents: costShim(options.costExports),
        loader: "js",
      }));
    },
  };
}

/** Compiles `source` into a run script, or says what stops it compiling. */
export async function compileSnippet(
  esbuild: Esbuild,
  source: string,
  options: CompileOptions,
): Promise<CompileResult> {
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
      plugins: [cruxPlugin(source, options)],
    });
  } catch (error) {
    const errors = (error as Partial<BuildFailure>).errors;
    if (!Array.isArray(errors)) throw error;
    return { ok: false, problems: errors.map((message) => problemFrom(message, options)) };
  }
  const files = result.outputFiles ?? [];
  const code = files.find((file) => file.path.endsWith(".js"))?.text ?? "";
  const mapText = files.find((file) => file.path.endsWith(".map"))?.text ?? "{}";
  const map = JSON.parse(mapText) as SourceMapData;
  return { ok: true, code, map, mappings: decodeMappings(map.mappings ?? "") };
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
    const position = originalPositionFor(
      compiled.map,
      compiled.mappings,
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
