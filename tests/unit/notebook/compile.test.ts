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
import { framesOf } from "../../../src/notebook/sandbox/frames";

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

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as FunctionConstructor;

/** A compiled script as a function, the way the sandbox worker builds it. */
function evaluate(name: string, async: boolean, params: string[], code: string) {
  const body = `"use strict";\n${code}\n//# sourceURL=${name}`;
  return new (async ? AsyncFunction : Function)(...params, body) as (...args: unknown[]) => unknown;
}

function requireCost(path: string): unknown {
  if (path === "cost") return cost;
  throw new Error(`not available: ${path}`);
}

/** Runs a compiled run as the worker does, and returns what it exported. */
async function runLikeTheWorker(run: CompiledRun): Promise<Finished> {
  let probe: unknown;
  if (run.probe) {
    const module = { exports: {} as Record<string, unknown> };
    evaluate(
      "crux-probe.js",
      false,
      ["require", "module", "exports"],
      run.probe.code,
    )(requireCost, module, module.exports);
    probe = module.exports.default;
  }
  if (run.format === "esm") {
    let exports: Record<string, unknown> = {};
    await evaluate(
      "crux-snippet.js",
      true,
      ["__crux"],
      run.snippet.code,
    )({
      cost,
      async finish(namespace: Record<string, unknown>) {
        exports = { ...namespace };
      },
    });
    return { exports, probe };
  }
  const module = { exports: {} as Record<string, unknown> };
  evaluate(
    "crux-snippet.js",
    false,
    ["require", "module", "exports"],
    run.snippet.code,
  )(requireCost, module, module.exports);
  return { exports: { ...module.exports }, probe };
}

/** The positions in a stack, as the worker reads them. */
const framesFrom = framesOf;

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
    expect(run.format).toBe("cjs");
    expect(run.snippet.code).not.toMatch(/^\s*(import|export)\s/m);
    const { exports } = await runLikeTheWorker(run);
    expect(exports.usd).toBeCloseTo(0.3, 12);
    expect((exports.default as (x: number) => number)(21)).toBe(42);
  });

  test("allows top-level await, as a module does (the bundled path)", async () => {
    const run = compiled(await compile("export const later = await Promise.resolve(7);\n"));
    expect(run.format).toBe("esm");
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
    expect(result.problems[0]?.message).toMatch(
      /^Only "cost" can be imported in a Crux snippet, so "lodash"/,
    );
  });

  test.each([
    [
      "an import whose names go unused",
      'import { chunk } from "lodash";\nexport const n = 1;\n',
      1,
      23,
    ],
    ["a side-effect import", 'export const n = 1;\nimport "lodash";\n', 2, 8],
    ["a re-export", 'export { chunk } from "lodash";\n', 1, 23],
    ["import() of a name", 'const n = 1;\nimport("lodash").then((m) => console.log(m));\n', 2, 8],
    ["import() of a URL", 'await import("http://trap.invalid/x.js");\n', 1, 14],
  ])("%s is refused at compile time, at its line and column", async (_, source, line, column) => {
    const result = await compile(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ source: "snippet", line, column });
    expect(result.problems[0]?.message).toMatch(/^Only "cost" can be imported in a Crux snippet/);
  });

  test("import() of a name worked out at run time is refused where it is called", async () => {
    const source =
      'const name = "lo" + "dash";\nconst text = "import(x) in a string is fine";\n  import(name);\n';
    const result = await compile(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({ source: "snippet", line: 3, column: 3 }),
    ]);
    expect(result.problems[0]?.message).toMatch(/names its module at run time/);
  });

  test('import("cost") and type-only names from cost still compile', async () => {
    const run = compiled(
      await compile(
        'import { costOf, Usage } from "cost";\n' +
          "const usage: Usage = { input_tokens: 1_000_000, output_tokens: 0 };\n" +
          'export const usd = costOf(usage, "claude-sonnet-4.5");\n' +
          'export const later = await import("cost").then((m) => typeof m.costOf);\n' +
          'export const text = "import(lodash)";\n',
      ),
    );
    const { exports } = await runLikeTheWorker(run);
    const usd = cost.costOf({ input_tokens: 1_000_000, output_tokens: 0 }, "claude-sonnet-4.5");
    expect(exports).toMatchObject({ usd, later: "function", text: "import(lodash)" });
  });

  test("a misspelt cost export suggests the right name", async () => {
    const result = await compile('import { costOff } from "cost";\nconsole.log(costOff);\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toBe(
      '"cost" has no export named "costOff". Did you mean "costOf"?',
    );
  });

  test("a probe runs after the snippet and its errors point into the probe", async () => {
    const run = compiled(
      await compile("export const n = 20;\n", "(exports, cost, input) => exports.n + input"),
    );
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

  test("maps through the bundled path too", async () => {
    const source = 'await Promise.resolve();\n\nthrow new TypeError("after the await");\n';
    const run = compiled(await compile(source));
    expect(run.format).toBe("esm");
    const error = await runLikeTheWorker(run).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(locateFrames(framesFrom(error), run)).toEqual({ source: "snippet", line: 3, column: 7 });
  });

  test("maps an error thrown by the probe into the probe's own lines", async () => {
    const run = compiled(
      await compile(
        "export const n = 1;\n",
        '(exports) => {\n  throw new Error("probe broke");\n}',
      ),
    );
    const { exports, probe } = await runLikeTheWorker(run);
    let error: unknown;
    try {
      (probe as (e: unknown) => unknown)(exports);
    } catch (thrown) {
      error = thrown;
    }
    expect(locateFrames(framesFrom(error), run)).toEqual({ source: "probe", line: 2, column: 9 });
  });

  test("an error thrown inside the cost module points at the snippet's call", async () => {
    const source =
      'import { costOf } from "cost";\n' +
      "\n" +
      'export const bad = costOf({ input_tokens: 10, output_tokens: 0 }, "no-such-model");\n';
    const run = compiled(await compile(source));
    const error = await runLikeTheWorker(run).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(cost.CostInputError);
    // The throw itself happened in the module, not in the snippet's script.
    const stack = (error as Error).stack ?? "";
    const innermost = stack.split("\n").find((line) => /^\s+at /.test(line)) ?? "";
    expect(innermost).toMatch(/src[\\/]cost[\\/]/);
    expect(framesFrom(error)[0]).toMatchObject({ script: "snippet" });
    expect(locateFrames(framesFrom(error), run)).toEqual({
      source: "snippet",
      line: 3,
      column: 20,
    });
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
