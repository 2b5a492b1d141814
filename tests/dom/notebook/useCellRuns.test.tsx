import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { ReactElement } from "react";
import type { RunResult, RunSnippetOptions } from "../../../src/notebook/runSnippet";
import {
  setProbe,
  subscribeRuns,
  type SandboxValue,
  type SnippetRun,
} from "../../../src/notebook/store";
import { useCellRuns } from "../../../components/notebook/useCellRuns";

const calls: { source: string; options: RunSnippetOptions }[] = [];
let nextResult: (options: RunSnippetOptions) => Promise<RunResult>;

vi.mock("../../../src/notebook/runSnippet", () => ({
  runSnippet: (source: string, options: RunSnippetOptions) => {
    calls.push({ source, options });
    return nextResult(options);
  },
  warmRuntime: async () => {},
}));

function okResult(extra: Partial<RunResult> = {}): RunResult {
  return {
    status: "ok",
    entries: [],
    exports: [
      ["perCall", { kind: "number", value: 0.048 }],
      ["callModel", { kind: "function", name: "callModel" }],
    ],
    compileMs: 1,
    runMs: 2,
    ...extra,
  };
}

let snippetId = "";
let idCount = 0;

function Harness({ code }: { code: string }): ReactElement {
  const runs = useCellRuns(snippetId, () => code);
  return (
    <div>
      <button type="button" onClick={runs.run}>
        Run
      </button>
      <button type="button" onClick={runs.rerunSoon}>
        Typed
      </button>
      <button type="button" onClick={runs.holdUntilRun}>
        Shared code arrived
      </button>
      <output>{runs.running ? "running" : (runs.result?.status ?? "idle")}</output>
    </div>
  );
}

async function clickRun(): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByText("Run"));
  });
  await act(async () => {});
}

beforeEach(() => {
  calls.length = 0;
  snippetId = `cell-${++idCount}`;
  nextResult = async () => okResult();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("useCellRuns(snippetId, currentCode)", () => {
  test("publishes each run with its exports as plain data", async () => {
    const seen: SnippetRun[] = [];
    subscribeRuns(snippetId, (run) => seen.push(run));
    render(<Harness code="export const perCall = 0.048;" />);
    await clickRun();
    expect(calls.map((call) => call.source)).toEqual(["export const perCall = 0.048;"]);
    expect(seen).toEqual([
      {
        snippetId,
        runId: 1,
        status: "ok",
        exports: { perCall: 0.048, callModel: { kind: "function", name: "callModel" } },
      },
    ]);
    expect(screen.getByRole("status").textContent).toBe("ok");
  });

  test("runs a widget's probe with its input and streams its reports as plain data", async () => {
    const reports: SandboxValue[] = [];
    setProbe(snippetId, {
      source: "(exports, cost, input, report) => exports.perCall * input",
      input: 1000,
      onReport: (event) => reports.push(event),
    });
    expect(calls).toHaveLength(0);
    nextResult = async (options) => {
      options.onReport?.({
        kind: "object",
        className: "",
        entries: [["t", { kind: "number", value: 1 }]],
        omitted: 0,
      });
      return okResult({ probe: { kind: "number", value: 48 } });
    };
    const seen: SnippetRun[] = [];
    subscribeRuns(snippetId, (run) => seen.push(run));
    render(<Harness code="x" />);
    await clickRun();
    expect(calls[0]?.options).toMatchObject({
      probe: "(exports, cost, input, report) => exports.perCall * input",
      input: 1000,
    });
    expect(reports).toEqual([{ t: 1 }]);
    expect(seen[0]?.probe).toBe(48);
  });

  test("a new probe re-runs the cell only once the reader has run it", async () => {
    render(<Harness code="x" />);
    await act(async () => setProbe(snippetId, { source: "() => 1" }));
    expect(calls).toHaveLength(0);
    await clickRun();
    await act(async () => setProbe(snippetId, { source: "() => 2" }));
    await act(async () => {});
    expect(calls.map((call) => call.options.probe)).toEqual(["() => 1", "() => 2"]);
  });

  test("typing re-runs after a pause, and only after a first run", async () => {
    vi.useFakeTimers();
    render(<Harness code="x" />);
    fireEvent.click(screen.getByText("Typed"));
    await act(async () => vi.advanceTimersByTime(1000));
    expect(calls).toHaveLength(0);
    await act(async () => {
      fireEvent.click(screen.getByText("Run"));
    });
    fireEvent.click(screen.getByText("Typed"));
    fireEvent.click(screen.getByText("Typed"));
    await act(async () => vi.advanceTimersByTime(399));
    expect(calls).toHaveLength(1);
    await act(async () => vi.advanceTimersByTime(1));
    expect(calls).toHaveLength(2);
  });

  test("after holdUntilRun neither typing nor a widget re-runs, until the next Run", async () => {
    vi.useFakeTimers();
    render(<Harness code="x" />);
    await act(async () => {
      fireEvent.click(screen.getByText("Run"));
    });
    fireEvent.click(screen.getByText("Shared code arrived"));
    fireEvent.click(screen.getByText("Typed"));
    await act(async () => setProbe(snippetId, { source: "() => 1" }));
    await act(async () => vi.advanceTimersByTime(1000));
    expect(calls).toHaveLength(1);

    await act(async () => {
      fireEvent.click(screen.getByText("Run"));
    });
    fireEvent.click(screen.getByText("Typed"));
    await act(async () => vi.advanceTimersByTime(400));
    expect(calls).toHaveLength(3);
  });

  test("a run superseded by a newer one is stopped and never published", async () => {
    const stopped: number[] = [];
    let release: () => void = () => {};
    nextResult = (options) => {
      options.onStart?.({ finished: new Promise(() => {}), stop: () => stopped.push(1) });
      return new Promise((resolve) => (release = () => resolve(okResult({ exports: [] }))));
    };
    const seen: SnippetRun[] = [];
    subscribeRuns(snippetId, (run) => seen.push(run));
    render(<Harness code="x" />);
    await clickRun();
    const releaseFirst = release;
    nextResult = async () => okResult();
    await clickRun();
    await act(async () => releaseFirst());
    expect(stopped).toEqual([1]);
    expect(seen.map((run) => run.runId)).toEqual([2]);
  });

  test("a runtime that cannot start is a learner-worded error, published too", async () => {
    nextResult = async () => {
      throw new Error("esbuild.wasm answered HTTP 404");
    };
    const seen: SnippetRun[] = [];
    subscribeRuns(snippetId, (run) => seen.push(run));
    render(<Harness code="x" />);
    await clickRun();
    expect(seen[0]).toMatchObject({ status: "error" });
    expect(seen[0]?.message).toMatch(
      /could not start its compiler or sandbox \(esbuild.wasm answered HTTP 404\)/,
    );
  });
});
