// The race driven by a snippet, with the notebook cell played by a fake
// that does what useCellRuns does: read the registered probe, run it (here
// in Node, on the probe's own source), stream its reports, publish the run,
// and re-run when a widget changes the probe once the reader has run it.

import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { budget, checkThenActGuard, reserveCommitGuard, simulateRace, type CallModel } from "cost";
import RaceAnimation from "../../../components/race/RaceAnimation";
import { plainResult, runScenario, WORKED_SCENARIO } from "../../../components/race/scenario";
import { NO_CALL_MODEL } from "../../../components/race/snippetRace";
import { describeValue } from "../../../src/notebook/sandbox/describe";
import { sandboxValueFromShown, shownFromUntrusted } from "../../../src/notebook/shown";
import {
  probeFor,
  publishRun,
  setRerunHandler,
  type SandboxValue,
  type SnippetRun,
} from "../../../src/notebook/store";

const initial = plainResult(await runScenario(WORKED_SCENARIO));

function acrossSandbox(value: unknown): SandboxValue {
  return sandboxValueFromShown(shownFromUntrusted(structuredClone(describeValue(value))));
}

interface FakeRun {
  /** The reader's callModel; leave it out for a snippet that exports none. */
  callModel?: CallModel;
  /** Stop after this many reports, as the watchdog would. */
  stopAfter?: number;
  /** A run that failed before its probe: status and message. */
  failed?: Pick<SnippetRun, "status" | "message">;
}

let nextId = 0;

/** A notebook cell for one snippet id, fresh for each test (the store is global). */
function fakeCell(reader: FakeRun) {
  const snippetId = `guard-${++nextId}`;
  let runId = 0;
  const inputs: SandboxValue[] = [];

  async function run(): Promise<void> {
    runId += 1;
    const probe = probeFor(snippetId);
    if (probe) inputs.push(probe.input);
    setRerunHandler(snippetId, () => void run());
    if (reader.failed || !probe) {
      publishRun({ snippetId, runId, exports: {}, ...(reader.failed ?? { status: "ok" }) });
      return;
    }

    const source = new Function(`return (${probe.source});`)() as (
      ...args: unknown[]
    ) => Promise<unknown>;
    const exports = reader.callModel ? { callModel: reader.callModel } : {};
    let reports = 0;
    const report = (value: unknown): void => {
      reports += 1;
      if (reports <= (reader.stopAfter ?? Infinity)) probe.onReport?.(acrossSandbox(value));
    };
    try {
      const returned = await source(exports, { simulateRace }, probe.input, report);
      if (reader.stopAfter !== undefined) {
        const message = "Stopped after 2 seconds: the code was still running.";
        publishRun({ snippetId, runId, status: "timeout", exports: {}, message });
        return;
      }
      publishRun({ snippetId, runId, status: "ok", exports: {}, probe: acrossSandbox(returned) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      publishRun({ snippetId, runId, status: "error", exports: {}, message });
    }
  }

  return { snippetId, inputs, run: () => act(run) };
}

function reduceMotion(): void {
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: query.includes("reduce"),
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

function source(): string {
  return screen.getByTestId("race-source").textContent ?? "";
}

function summary(): string {
  return screen.getByTestId("race-summary").textContent ?? "";
}

function figure(name: string): string {
  return document.querySelector(`[data-figure="${name}"]`)?.textContent ?? "";
}

beforeEach(reduceMotion);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("RaceAnimation driven by a snippet", () => {
  test("before any run, says it shows the snippet as shipped, and offers no guard choice", () => {
    const html = renderToString(<RaceAnimation initial={initial} snippet="naive-guard" />);
    expect(html).toContain("Guard: callModel from the snippet “naive-guard”.");
    expect(html).toContain("This race runs the snippet&#x27;s code as shipped.");
    expect(html).not.toContain("Check, then call");
    expect(html).toContain('data-figure="over">$0.15 (15%)<');
  });

  test("the reader's reserve/commit edit, run, holds the line", async () => {
    const cell = fakeCell({ callModel: reserveCommitGuard });
    render(<RaceAnimation initial={initial} snippet={cell.snippetId} />);
    expect(figure("over")).toBe("$0.15 (15%)");

    await cell.run();
    expect(summary()).toBe(
      "2 of 5 requests called the model; 3 refused. Spend $1.00 of a $1.00 limit: nothing over.",
    );
    expect(figure("over")).toBe("None");
    expect(source()).toMatch(/This race ran your callModel, from your last run\.$/);
  });

  test("once run, a new burst size re-runs the reader's code with it", async () => {
    const cell = fakeCell({ callModel: checkThenActGuard });
    render(<RaceAnimation initial={initial} snippet={cell.snippetId} />);
    await cell.run();

    const calls = screen.getByRole("spinbutton", { name: /Calls at once/ });
    fireEvent.change(calls, { target: { value: "20" } });
    await vi.waitFor(() => expect(summary()).toMatch(/^20 of 20 requests called the model/));
    expect(cell.inputs.at(-1)).toMatchObject({ requests: 20, limit: 1, seed: 1 });
    expect(document.querySelectorAll(".race-lane")).toHaveLength(20);
  });

  test("before the reader runs it, a new setting races the shipped guard in the page", async () => {
    const cell = fakeCell({ callModel: reserveCommitGuard });
    render(<RaceAnimation initial={initial} snippet={cell.snippetId} />);
    fireEvent.click(screen.getByRole("button", { name: "New seed" }));
    await vi.waitFor(() => expect(screen.getByText("Seed 2")).toBeTruthy());
    // The shipped guard of the worked check still overspends: nothing of the
    // reader's ran.
    await vi.waitFor(() => expect(summary()).toMatch(/^5 of 5 requests called the model/));
    expect(cell.inputs).toEqual([]);
  });

  test("a guard that throws shows its message and the failed requests", async () => {
    const cell = fakeCell({
      callModel: async (tenantId) => {
        await budget.getMonthlySpend(tenantId);
        throw new Error("no budget table");
      },
    });
    render(<RaceAnimation initial={initial} snippet={cell.snippetId} />);
    await cell.run();
    expect(source()).toMatch(/Your callModel threw: Error: no budget table$/);
    expect(screen.getByTestId("race-source").dataset.tone).toBe("error");
    expect(summary()).toMatch(/5 ended with an error\.$/);
  });

  test("a run the watchdog stopped shows the steps that happened, and the stop", async () => {
    const cell = fakeCell({ callModel: checkThenActGuard, stopAfter: 12 });
    render(<RaceAnimation initial={initial} snippet={cell.snippetId} />);
    await cell.run();
    expect(source()).toMatch(
      /Stopped after 2 seconds: the code was still running\. The lanes show the 11 steps before it stopped\.$/,
    );
    expect(summary()).toMatch(/5 never finished\.$/);
  });

  test("a snippet without callModel says what to export, and keeps the last race", async () => {
    const cell = fakeCell({});
    render(<RaceAnimation initial={initial} snippet={cell.snippetId} />);
    await cell.run();
    expect(source()).toContain(NO_CALL_MODEL);
    expect(figure("over")).toBe("$0.15 (15%)");
  });

  test("a snippet that failed before the race says the race did not start", async () => {
    const message = "ReferenceError: budjet is not defined (line 14, column 17)";
    const cell = fakeCell({ failed: { status: "error", message } });
    render(<RaceAnimation initial={initial} snippet={cell.snippetId} />);
    await cell.run();
    expect(source()).toContain(`The race did not start: ${message}`);
  });

  test("a run from before the widget registered its probe is re-run with it", async () => {
    const cell = fakeCell({ callModel: reserveCommitGuard });
    // The reader ran the snippet before the widget hydrated: no probe yet.
    await cell.run();
    render(<RaceAnimation initial={initial} snippet={cell.snippetId} />);
    await vi.waitFor(() => expect(figure("over")).toBe("None"));
    expect(cell.inputs).toHaveLength(1);
  });
});

test("the title's id is not on the heading, which the page would give a link", () => {
  const html = renderToString(
    <RaceAnimation initial={initial} id="race-x" snippet="naive-guard" />,
  );
  expect(html).toContain('<span id="race-x-title">Concurrent calls against one budget</span>');
  expect(html).not.toMatch(/<h3[^>]*\bid=/);
});

test("races of two snippets on one page have names of their own", () => {
  render(
    <>
      <RaceAnimation initial={initial} id="race-a" snippet="naive-guard" />
      <RaceAnimation initial={initial} id="race-b" snippet="reserve-commit" />
    </>,
  );
  const names = screen
    .getAllByRole("region")
    .map((region) => region.getAttribute("aria-labelledby"));
  expect(names).toEqual(["race-a-title race-a-guard", "race-b-title race-b-guard"]);
  expect(
    screen.getByRole("region", {
      name: "Concurrent calls against one budget Guard: callModel from the snippet “reserve-commit”.",
    }),
  ).toBeTruthy();
});

test("a run the reader started shows as running once its race begins", async () => {
  const cell = fakeCell({ callModel: reserveCommitGuard });
  render(<RaceAnimation initial={initial} snippet={cell.snippetId} />);
  act(() => void probeFor(cell.snippetId)?.onReport?.({ kind: "race" }));
  expect(source()).toMatch(/Running your callModel in the sandbox…$/);
  expect(screen.getByRole("region").getAttribute("aria-busy")).toBe("true");

  await cell.run();
  expect(source()).toMatch(/This race ran your callModel, from your last run\.$/);
  expect(screen.getByRole("region").getAttribute("aria-busy")).toBe("false");
});
