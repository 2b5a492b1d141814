/**
 * runSnippet with the real compiler and a fake sandbox: what the page makes
 * of the events a run sends, whoever sent them.
 */
import * as esbuild from "esbuild-wasm";
import { afterAll, describe, expect, test, vi } from "vitest";
import { RUN_NODE_BUDGET, type RunStatus, type WorkerEvent } from "../../../src/notebook/protocol";
import type { SandboxRunOptions } from "../../../src/notebook/sandbox";
import type { Shown } from "../../../src/notebook/shown";

/** What the fake sandbox sends for the next run, and how that run ends. */
const script: { events: WorkerEvent[]; status: RunStatus } = { events: [], status: "done" };

vi.mock("../../../src/notebook/esbuildLoader", () => ({
  loadEsbuild: () => Promise.resolve(esbuild),
}));
vi.mock("../../../src/notebook/sandbox", () => ({
  warmSandbox: (): void => {},
  runInSandbox: (_start: unknown, options: SandboxRunOptions) => {
    for (const event of script.events) options.onEvent(event);
    return Promise.resolve({ startedAt: 0, finished: Promise.resolve(script.status), stop() {} });
  },
}));

const { runSnippet, OutputBudget } = await import("../../../src/notebook/runSnippet");

afterAll(async () => {
  await esbuild.stop();
});

function text(value: string): Shown {
  return { kind: "string", value, omitted: 0 };
}

function notes(entries: { kind: string; message?: string }[]): string[] {
  return entries.flatMap((entry) => (entry.kind === "note" ? [entry.message ?? ""] : []));
}

describe("runSnippet(source) with what the sandbox sends", () => {
  test('the worker\'s count of left-out lines becomes "N more console lines were left out"', async () => {
    script.events = [
      { kind: "console", level: "log", args: [text("kept")] },
      { kind: "left-out", consoleLines: 1_200, exports: 0, reports: 0 },
      { kind: "done", ms: 1 },
    ];
    script.status = "done";
    const result = await runSnippet('console.log("kept");\n');
    expect(result.status).toBe("ok");
    expect(result.entries.filter((entry) => entry.kind === "console")).toHaveLength(1);
    expect(notes(result.entries)).toEqual([
      expect.stringMatching(/^1,200 console lines were left out: /),
    ]);
  }, 30_000);

  test("a worker that ignores its budget is cut off by the page's own count", async () => {
    const big: Shown = {
      kind: "array",
      items: Array.from({ length: 999 }, () => ({ kind: "null" })),
      length: 999,
    };
    script.events = [
      ...Array.from({ length: 300 }, (): WorkerEvent => ({
        kind: "console",
        level: "log",
        args: [big],
      })),
      { kind: "exports", entries: [["late", big]] },
      { kind: "done", ms: 1 },
    ];
    const result = await runSnippet("export const late = 1;\n");
    const kept = result.entries.filter((entry) => entry.kind === "console").length;
    // Each line weighs 1,000 nodes: the page keeps what fits in its budget.
    const fits = Math.floor((RUN_NODE_BUDGET + 1_000) / 1_000);
    expect(kept).toBe(fits);
    expect(result.exports).toEqual([]);
    expect(notes(result.entries)).toEqual([
      expect.stringMatching(
        new RegExp(`^${300 - fits} console lines and 1 export were left out: `),
      ),
    ]);
  });

  test("timers still waiting get the pending note", async () => {
    script.events = [
      { kind: "pending", timers: 2, graceMs: 500 },
      { kind: "done", ms: 1 },
    ];
    const result = await runSnippet("setInterval(() => {}, 10);\n");
    expect(notes(result.entries)).toEqual([
      expect.stringMatching(
        /^The run ended before its scheduled work: 2 timers were still waiting/,
      ),
    ]);
  });

  test("an unhandled rejection and a callback's throw are titled for what they are", async () => {
    script.events = [
      { kind: "error", phase: "rejection", name: "Error", message: "nobody caught me", frames: [] },
      {
        kind: "error",
        phase: "callback",
        name: "TypeError",
        message: "x is not a function",
        frames: [],
      },
      { kind: "done", ms: 1 },
    ];
    const result = await runSnippet("Promise.reject(new Error('nobody caught me'));\n");
    expect(result.status).toBe("error");
    expect(result.entries).toMatchObject([
      {
        kind: "error",
        title: "A promise was rejected and nothing caught it",
        message: "nobody caught me",
      },
      {
        kind: "error",
        title: "A callback threw an error",
        message: "TypeError: x is not a function",
      },
    ]);
  });

  test("a crashed run says what most often causes it", async () => {
    script.events = [];
    script.status = "crashed";
    const result = await runSnippet("const kept: ArrayBuffer[] = [];\n");
    expect(result.status).toBe("timeout");
    expect(result.entries.at(-1)).toMatchObject({ kind: "error", title: "Sandbox stopped" });
    expect(result.message).toMatch(/more memory than the sandbox has/);
    script.status = "done";
  });
});

describe("OutputBudget", () => {
  test("takes values while they fit, counting a string by its length", () => {
    const budget = new OutputBudget(11);
    expect(budget.take([text("x".repeat(499))])).toBe(true); // 1 + 4 nodes
    expect(budget.take([text("y"), text("z")])).toBe(true);
    expect(budget.take([{ kind: "array", items: [text("a"), text("b")], length: 2 }])).toBe(true);
    expect(budget.take([{ kind: "null" }, { kind: "null" }])).toBe(false);
    expect(budget.take([{ kind: "null" }])).toBe(true);
    expect(budget.note()).toBeNull();
  });
});
