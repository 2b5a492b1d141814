import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { OutputPane, statusText } from "../../../components/notebook/OutputPane";
import type { RunResult } from "../../../src/notebook/runSnippet";
import type { Shown } from "../../../src/notebook/shown";
import { describeValue } from "../../../src/notebook/sandbox/describe";

afterEach(cleanup);

const result: RunResult = {
  status: "error",
  entries: [
    { kind: "console", level: "log", args: [describeValue("total"), describeValue(1920)] },
    {
      kind: "error",
      title: "The code threw an error",
      message: "RangeError: too many tokens",
      at: { source: "snippet", line: 3, column: 7 },
    },
  ],
  exports: [
    [
      "rows",
      describeValue([
        { model: "gpt-5", usd: 0.0105 },
        { model: "gpt-4o", usd: 1234.5 },
      ]),
    ],
    ["session", describeValue({ turns: 3, model: "gpt-5" })],
  ],
  message: "RangeError: too many tokens (line 3, column 7)",
  compileMs: 3.2,
  runMs: 9.1,
};

describe("OutputPane", () => {
  test("shows console lines, the error with its position, and the exports", () => {
    render(<OutputPane result={result} resultRun={1} running={false} typeProblems={[]} />);
    expect(screen.getByRole("status").textContent).toBe(
      "Error: RangeError: too many tokens (line 3, column 7)",
    );
    const output = screen.getByRole("list", { name: "Output" });
    expect(within(output).getAllByRole("listitem")[0]?.textContent).toBe("total 1,920");
    expect(output.textContent).toContain("at line 3, column 7");
  });

  test("an array of rows is a table with a column per key, numbers grouped", () => {
    render(<OutputPane result={result} resultRun={1} running={false} typeProblems={[]} />);
    const table = screen.getByRole("table");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["#", "model", "usd"]);
    const cells = within(table)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(cells).toEqual(['"gpt-5"', "0.0105", '"gpt-4o"', "1,234.5"]);
  });

  test("an object starts collapsed among many exports and expands to its entries", async () => {
    // More than four exports: each starts as its one-line preview.
    const many: RunResult = {
      ...result,
      exports: [
        ["session", describeValue({ turns: 3, model: "gpt-5" })],
        ...["a", "b", "c", "d"].map((name): [string, Shown] => [name, describeValue(1)]),
      ],
    };
    render(<OutputPane result={many} resultRun={1} running={false} typeProblems={[]} />);
    const summary = screen.getByText('{ turns: 3, model: "gpt-5" }');
    const details = summary.closest("details");
    expect(summary.tagName).toBe("SUMMARY");
    expect(details?.open).toBe(false);

    fireEvent.click(summary);
    expect(details?.open).toBe(true);
    await waitFor(() => {
      const entries = within(details!)
        .getAllByRole("listitem")
        .map((item) => item.textContent);
      expect(entries).toEqual(["turns: 3", 'model: "gpt-5"']);
    });
  });

  test("type errors are listed with their positions, the run going ahead", () => {
    render(
      <OutputPane
        result={null}
        resultRun={0}
        running={false}
        typeProblems={[
          { line: 2, column: 7, message: "Type 'string' is not assignable to type 'number'." },
        ]}
      />,
    );
    expect(screen.getByText(/TypeScript reports a type error/).textContent).toContain("still runs");
    expect(document.body.textContent).toContain("line 2, column 7: Type 'string'");
  });
});

describe("statusText(result, running)", () => {
  test("counts output lines and exports on success", () => {
    const ok: RunResult = {
      status: "ok",
      entries: result.entries.slice(0, 1),
      exports: result.exports,
      compileMs: 3.2,
      runMs: 9.1,
    };
    expect(statusText(ok, false)).toBe("Ran in 12 ms, 1 line of output, 2 exports.");
    expect(statusText(null, true)).toBe("Running…");
  });
});
