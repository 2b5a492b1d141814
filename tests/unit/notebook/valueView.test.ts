// @vitest-environment happy-dom
import { createElement } from "react";
import { afterEach, describe, expect, test } from "vitest";
import { act, cleanup, fireEvent, render } from "@testing-library/react";
import { ValueView } from "../../../components/notebook/ValueView";
import { describeValue } from "../../../src/notebook/sandbox/describe";

afterEach(cleanup);

const tree = describeValue({ usage: { input_tokens: 1_200, output_tokens: 80 }, model: "gpt-5" });
const rows = describeValue([
  { model: "gpt-5", usd: 0.01 },
  { model: "gpt-4o", usd: 0.02 },
]);

/** Opens a <details> as a reader does: the browser sets `open`, then fires "toggle". */
function openDetails(details: HTMLDetailsElement): void {
  act(() => {
    details.open = true;
    fireEvent(details, new Event("toggle"));
  });
}

describe("ValueView({ value, open })", () => {
  test.each([
    ["an object", tree, "li"],
    ["rows shown as a table", rows, "tbody tr"],
  ])("%s closed builds no children until it is opened", (_, value, child) => {
    const { container } = render(createElement(ValueView, { value }));
    const details = container.querySelector("details")!;
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")?.textContent).not.toBe("");
    expect(details.querySelectorAll(child)).toHaveLength(0);
    openDetails(details);
    expect(details.querySelectorAll(child).length).toBeGreaterThan(0);
  });

  test("a value shown open has its children at once", () => {
    const { container } = render(createElement(ValueView, { value: tree, open: true }));
    expect(
      container.querySelectorAll("details")[0]?.querySelectorAll(":scope > ul > li"),
    ).toHaveLength(2);
  });
});
