import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { RunResult } from "../../../src/notebook/runSnippet";
import type { CodeEditorOptions } from "../../../src/notebook/codeEditor";

const runs: string[] = [];

vi.mock("../../../src/notebook/runSnippet", () => ({
  runSnippet: async (source: string): Promise<RunResult> => {
    runs.push(source);
    return { status: "ok", entries: [], exports: [], compileMs: 1, runMs: 1 };
  },
  warmRuntime: async () => {},
}));

// The text area editor, made to report text set from outside as a change,
// the way Monaco's model does on setValue: the cell must not take it for typing.
vi.mock("../../../src/notebook/codeEditor", async (importActual) => {
  const actual = await importActual<typeof import("../../../src/notebook/codeEditor")>();
  return {
    ...actual,
    prefersPlainEditor: () => true,
    createTextareaEditor(container: HTMLElement, options: CodeEditorOptions) {
      const editor = actual.createTextareaEditor(container, options);
      return {
        ...editor,
        setValue(value: string) {
          editor.setValue(value);
          options.onChange(value);
        },
      };
    },
  };
});

const { default: NotebookCell } = await import("../../../components/notebook/NotebookCell");

const ORIGINAL = "export const perCall = 0.048;";
let snippetId = "";
let count = 0;

beforeEach(() => {
  runs.length = 0;
  localStorage.clear();
  snippetId = `cell-${++count}`;
  window.confirm = vi.fn(() => true);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderCell(): void {
  render(
    <NotebookCell snippetId={snippetId} lesson="l" original={ORIGINAL} title="One call">
      <pre tabIndex={0}>{ORIGINAL}</pre>
    </NotebookCell>,
  );
}

/** Long enough for a re-run that was wrongly scheduled (400 ms) to have started. */
const pastRerunDelay = (): Promise<void> =>
  act(() => new Promise<void>((resolve) => setTimeout(resolve, 700)));

describe("NotebookCell", () => {
  test("typing re-runs a cell that has run; Reset puts the original back without running", async () => {
    renderCell();
    fireEvent.click(screen.getByRole("button", { name: "Run" }));
    const area = await screen.findByRole("textbox", { name: /Code of the snippet/ });
    await waitFor(() => expect(runs).toEqual([ORIGINAL]));

    fireEvent.input(area, { target: { value: "export const perCall = 1;" } });
    await waitFor(() => expect(runs).toEqual([ORIGINAL, "export const perCall = 1;"]));

    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    expect((area as HTMLTextAreaElement).value).toBe(ORIGINAL);
    await pastRerunDelay();
    expect(runs).toHaveLength(2);
    expect(document.querySelector(".notebook-output")?.getAttribute("data-run")).toBe("2");
  });

  test("focus on the static code leaves it static; Enter on it opens the editor", async () => {
    renderCell();
    const code = document.querySelector<HTMLElement>(".notebook-static pre")!;
    act(() => code.focus());
    await pastRerunDelay();
    expect(document.querySelector(".notebook-cell")?.getAttribute("data-mode")).toBe("static");
    expect(screen.queryByRole("textbox")).toBeNull();

    fireEvent.keyDown(code, { key: "Enter" });
    const area = await screen.findByRole("textbox", { name: /Code of the snippet/ });
    await waitFor(() => expect(document.activeElement).toBe(area));
    expect(screen.queryByText("edited")).toBeNull();
    expect(runs).toEqual([]);
  });
});
