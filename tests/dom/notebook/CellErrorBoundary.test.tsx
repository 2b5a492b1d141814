import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import type { ReactElement } from "react";
import { CellErrorBoundary } from "../../../components/notebook/CellErrorBoundary";
import { saveEdit } from "../../../src/notebook/savedEdits";

const ORIGINAL = "export const perCall = 0.048;";
const EDIT = "export const perCall = 0.5; // the reader's guess";

function Broken(): ReactElement {
  throw new Error("the editor's model is gone");
}

function renderBroken(): void {
  render(
    <CellErrorBoundary lesson="cost-spike-loop" snippetId="first-bill" original={ORIGINAL}>
      <Broken />
    </CellErrorBoundary>,
  );
}

beforeEach(() => {
  localStorage.clear();
  // React reports the caught error on the console; the fallback is what is under test.
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("CellErrorBoundary", () => {
  test("a broken cell shows the reader's saved edit, not the original", () => {
    saveEdit(localStorage, "cost-spike-loop", "first-bill", ORIGINAL, EDIT);
    renderBroken();
    expect(document.querySelector(".notebook-broken pre")?.textContent).toBe(EDIT);
    expect(screen.getByText(/stopped working/).textContent).toMatch(
      /\(the editor's model is gone\)\. Your saved edit is below, still saved/,
    );
  });

  test("without a saved edit it shows the original", () => {
    renderBroken();
    expect(document.querySelector(".notebook-broken pre")?.textContent).toBe(ORIGINAL);
    expect(screen.getByText(/stopped working/).textContent).toContain("The code is below");
  });
});
