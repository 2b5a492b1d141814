import { Script } from "node:vm";
import * as esbuild from "esbuild-wasm";
import { afterAll, describe, expect, test } from "vitest";
import * as cost from "cost";
import {
  columnFromByteOffset,
  compileSnippet,
  costShim,
  locateFrames,
  type CompiledRun,
  type CompileResult,
} from "../../../src/notebook/compile";
import type { ScriptPosition } from "../../../src/notebook/protocol";

const costExports = Object.keys(cost);

afterAll(async () => {
  await esbuild.stop();
});

function compile(source: string, probe?: string): Promise<CompileResult> {
  return compileSnippet(esbuild, source, { costExports, ...(probe ? { probe } : {}) });
}

function compiled(result: CompileResult): CompiledRun {
  if (!result.ok) throw new Error(`expected it to compile: ${JSON.stringify(result.problems)}`);
  return result;
}

interface Finished {
  exports: Record<string, unknown>;
  probe: unknown;
}

/**
 * Runs a run script the way the sandbox worker does (inside an async
 * function, one line below its opening) and returns what reached `finish`.
 */
async function runLikeTheWorker(run: CompiledRun): Promise<Finished> {
  const wrapped = `(async function (__crux) { "use strict";\n${run.code}\n})`;
  const module = new Script(wrapped, { filename: "run-script" }).runInThisContext() as (
    crux: unknown,
  ) => Promise<void>;
  let finished: Finished = { exports: {}, probe: undefined };
  await module({
    cost,
    async finish(namespace: Record<string, unknown>, probe: unknown) {
      finished = { exports: { ...namespace }, probe };
    },
  });
  return finished;
}

/** The run-script positions in a stack, lines counted as the worker counts them. */
function framesFrom(error: unknown): ScriptPosition[] {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  return [...stack.matchAll(/run-script:(\d+):(\d+)/g)].map((match) => ({
    line: Number(match[1]) - 1,
    column: Number(match[2]),
  }));
}

describe("compileSnippet(esbuild, source, options)", () => {
  test("bundles the snippet with the cost module it imports, exports live", async () => {
    const run = compiled(
      await compile(
        'import { costOf } from "cost";\n' +
          "const tokens: number = 100_000;\n" +
          'export const usd = costOf({ model: "claude-sonnet-4.5", usage: { input_tokens: tokens, output_tokens: 0 } });\n' +
          "export default function double(x: number): number { return 2 * x; }\n",
      ),
    );
    expect(run.code).not.toMatch(/^\s*(import|export)\s/m);
    const { exports } = await runLikeTheWorker(run);
    expect(exports.usd).toBeCloseTo(0.3, 12);
    expect((exports.default as (x: number) => number)(21)).toBe(42);
  });

  test("allows top-level await, as a module does", async () => {
    const run = compiled(await compile("export const later = await Promise.resolve(7);\n"));
    await expect(runLikeTheWorker(run)).resolves.toMatchObject({ exports: { later: 7 } });
  });

  test("a syntax error is a problem at the snippet's line and column", async () => {
    const result = await compile("const a = 1;\nconst b = ;\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { source: "snippet", line: 2, column: 11, message: 'Unexpected ";"' },
    ]);
  });

  test("an import of anything but cost is refused with a learner's message", async () => {
    const result = await compile('import { chunk } from "lodash";\nconsole.log(chunk);\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ source: "snippet", line: 1, column: 23 });
    expect(result.problems[0]?.message).toMatch(/^Only "cost" can be imported in a Crux snippet, so "lodash"/);
  });

  test("a misspelt cost export suggests the right name", async () => {
    const result = await compile('import { costOff } from "cost";\nconsole.log(costOff);\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toBe('"cost" has no export named "costOff". Did you mean "costOf"?');
  });

  test("a probe runs after the snippet and its errors point into the probe", async () => {
    const run = compiled(await compile("export const n = 20;\n", "(exports, cost, input) => exports.n + input"));
    const { probe } = await runLikeTheWorker(run);
    expect((probe as (e: unknown, c: unknown, i: number) => number)({ n: 20 }, cost, 22)).toBe(42);

    const broken = await compile("export const n = 1;\n", "(exports) =>\n  exports.n +");
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.problems[0]).toMatchObject({ source: "probe", line: 3 });
  });
});

describe("locateFrames(frames, compiled)", () => {
  test("maps a runtime error's stack back to the snippet's line and column", async () => {
    const source =
      'import { costOf } from "cost";\n' +
      "\n" +
      "function check(tokens: number): number {\n" +
      '  if (tokens < 0) throw new RangeError("negative");\n' +
      "  return tokens;\n" +
      "}\n" +
      "export const checked = check(-1);\n";
    const run = compiled(await compile(source));
    const error = await runLikeTheWorker(run).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RangeError);
    const at = locateFrames(framesFrom(error), run);
    expect(at).toEqual({ source: "snippet", line: 4, column: 25 });
  });

  test("skips frames outside the snippet (inside the cost module, say)", async () => {
    const source = 'import { costOf } from "cost";\n\nexport const bad = costOf({ model: "no-such-model", usage: {} });\n';
    const run = compiled(await compile(source));
    const error = await runLikeTheWorker(run).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(cost.CostInputError);
    const frames = [{ line: 9999, column: 1 }, ...framesFrom(error)];
    expect(locateFrames(frames, run)).toMatchObject({ source: "snippet", line: 3 });
  });
});

describe("costShim(names) and columnFromByteOffset(lineText, byteColumn)", () => {
  test("the shim re-exports each valid name from the worker's copy", () => {
    expect(costShim(["costOf", "models", "not valid"])).toBe(
      "export const { costOf, models } = __crux.cost;\n",
    );
  });

  test.each([
    ["ascii", "const x = 1;", 6, 6],
    ["after a two-byte letter", 'const é = "x";', 9, 8],
    ["after an emoji (two UTF-16 units)", "// 💸 cost;", 8, 6],
  ])("%s", (_, line, bytes, column) => {
    expect(columnFromByteOffset(line, bytes)).toBe(column);
  });
});
