/**
 * The sandbox worker's own code, run in Node the way a browser worker runs
 * it: `self` is the global scope, the run arrives as a message with a port,
 * and everything it reports comes back over that port.
 */
import * as esbuild from "esbuild-wasm";
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import * as cost from "cost";
import { compileSnippet } from "../../../src/notebook/compile";
import {
  frameMessageFromUntrusted,
  RUN_NODE_BUDGET,
  shownCost,
  type WorkerEvent,
  type WorkerStart,
} from "../../../src/notebook/protocol";

const globals = globalThis as unknown as Record<string, unknown>;
const saved: Record<string, unknown> = {};
const savedConsole: Record<string, unknown> = {};
const timerNames = ["setTimeout", "setInterval", "clearTimeout", "clearInterval"];
const consoleNames = ["log", "info", "warn", "error", "debug", "trace", "dir", "table"];

beforeEach(() => {
  for (const name of timerNames) saved[name] = globals[name];
  for (const name of consoleNames) savedConsole[name] = (console as never)[name];
  globals.self = globalThis;
  globals.addEventListener = (): void => {};
  vi.resetModules();
});

afterEach(() => {
  for (const name of timerNames) globals[name] = saved[name];
  for (const name of consoleNames)
    (console as unknown as Record<string, unknown>)[name] = savedConsole[name];
  delete globals.self;
  delete globals.addEventListener;
  delete globals.onmessage;
});

afterAll(async () => {
  await esbuild.stop();
});

/** Compiles `source` and runs it in a freshly loaded worker; resolves with every event to "done". */
async function runInWorker(source: string, limitMs = 1_850): Promise<WorkerEvent[]> {
  const compiled = await compileSnippet(esbuild, source, { costExports: Object.keys(cost) });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  await import("../../../src/notebook/sandbox/worker");
  const start: WorkerStart = {
    format: compiled.format,
    code: compiled.snippet.code,
    probe: null,
    input: undefined,
    limitMs,
  };
  const channel = new MessageChannel();
  const events: WorkerEvent[] = [];
  const done = new Promise<WorkerEvent[]>((resolve) => {
    channel.port2.onmessage = (message: MessageEvent): void => {
      // Read as the page reads it, after the frame relayed it.
      const read = frameMessageFromUntrusted({ type: "crux:event", runId: 1, event: message.data });
      if (read?.type !== "crux:event") throw new Error(`unreadable event: ${String(message.data)}`);
      events.push(read.event);
      if (read.event.kind === "done") resolve(events);
    };
  });
  const onmessage = globals.onmessage as (event: { data: unknown; ports: MessagePort[] }) => void;
  onmessage({ data: start, ports: [channel.port1] });
  try {
    return await done;
  } finally {
    channel.port1.close();
    channel.port2.close();
  }
}

function ofKind<K extends WorkerEvent["kind"]>(
  events: WorkerEvent[],
  kind: K,
): Extract<WorkerEvent, { kind: K }>[] {
  return events.filter((event): event is Extract<WorkerEvent, { kind: K }> => event.kind === kind);
}

function loggedText(events: WorkerEvent[]): string[] {
  return ofKind(events, "console").map((event) =>
    event.args.map((arg) => (arg.kind === "string" ? arg.value : arg.kind)).join(" "),
  );
}

describe("the worker's output budget", () => {
  test("500 console lines of 32 big trees stay within one budget, the rest counted", async () => {
    const events = await runInWorker(
      "const tree = Array.from({ length: 50 }, (_, i) => ({ i, rows: Array.from({ length: 100 }, (_, j) => j) }));\n" +
        "const args = Array.from({ length: 40 }, () => tree);\n" +
        "for (let n = 0; n < 500; n++) console.log(...args);\n" +
        "export const after = 1;\n",
    );
    const lines = ofKind(events, "console");
    const spent = lines.reduce(
      (sum, line) => sum + line.args.reduce((s, arg) => s + shownCost(arg), 0),
      0,
    );
    expect(spent).toBeLessThanOrEqual(RUN_NODE_BUDGET);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.args.length <= 32)).toBe(true);
    const [leftOut] = ofKind(events, "left-out");
    expect(leftOut?.consoleLines).toBe(500 - lines.length);
    // The budget is spent on console lines, so the export is counted as left out too.
    expect(leftOut?.exports).toBe(1);
  }, 30_000);

  test("long strings weigh by their length", async () => {
    const events = await runInWorker(
      'const texts = Array.from({ length: 32 }, () => "x".repeat(20_000));\n' +
        "for (let n = 0; n < 100; n++) console.log(...texts);\n",
    );
    const lines = ofKind(events, "console");
    expect(lines.length).toBeLessThan(100);
    expect(ofKind(events, "left-out")[0]?.consoleLines).toBe(100 - lines.length);
  });

  test("exports past 200 are counted, not described", async () => {
    const names = Array.from({ length: 250 }, (_, i) => `export const n${i} = ${i};`).join("\n");
    const events = await runInWorker(`${names}\n`);
    expect(ofKind(events, "exports")[0]?.entries).toHaveLength(200);
    expect(ofKind(events, "left-out")[0]).toMatchObject({ exports: 50, consoleLines: 0 });
  });

  test("NaN, Infinity and -0 arrive as numbers, though events travel as JSON", async () => {
    const events = await runInWorker("console.log(NaN, -Infinity, -0, 1.5);\n");
    expect(ofKind(events, "console")[0]?.args).toEqual([
      { kind: "number", value: NaN },
      { kind: "number", value: -Infinity },
      { kind: "number", value: -0 },
      { kind: "number", value: 1.5 },
    ]);
  });

  test("an ordinary run reports nothing left out", async () => {
    const events = await runInWorker('console.log("one");\nexport const two = 2;\n');
    expect(ofKind(events, "left-out")).toEqual([]);
    expect(ofKind(events, "pending")).toEqual([]);
  });
});

describe("work left after the top level", () => {
  test("a timer's console output shows before the run is done", async () => {
    const events = await runInWorker(
      'setTimeout(() => console.log("later"), 100);\nconsole.log("first");\n',
    );
    expect(loggedText(events)).toEqual(["first", "later"]);
    expect(ofKind(events, "pending")).toEqual([]);
  });

  test("an un-awaited .then on a timer's promise shows too", async () => {
    const events = await runInWorker(
      "new Promise((resolve) => setTimeout(resolve, 50, 7)).then((n) => console.log(`then ${n}`));\n",
    );
    expect(loggedText(events)).toEqual(["then 7"]);
  });

  test("a timer that is cleared does not hold the run", async () => {
    const events = await runInWorker(
      'const id = setTimeout(() => console.log("never"), 5_000);\nclearTimeout(id);\n',
    );
    expect(loggedText(events)).toEqual([]);
    expect(ofKind(events, "pending")).toEqual([]);
  });

  test("a timer still waiting when the grace ends gets a note", async () => {
    const events = await runInWorker(
      'setInterval(() => {}, 20);\nsetTimeout(() => console.log("too late"), 10_000);\n',
    );
    expect(loggedText(events)).toEqual([]);
    expect(ofKind(events, "pending")).toEqual([{ kind: "pending", timers: 2, graceMs: 500 }]);
  });

  test("the grace never runs into the frame's limit", async () => {
    const events = await runInWorker('setTimeout(() => console.log("too late"), 10_000);\n', 500);
    // 500 ms limit, 300 ms kept free: 200 ms of grace at most.
    expect(ofKind(events, "pending")[0]?.graceMs).toBeLessThanOrEqual(200);
  });
});
