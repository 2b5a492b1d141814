import { beforeEach, describe, expect, test, vi } from "vitest";
import { wireQuizzes } from "../../../components/guide/quiz";
import { loadProgress } from "../../../components/guide/progress";

const markup = `
<fieldset data-quiz="q-volume">
  <legend>Which term dominates?</legend>
  <ul>
    <li data-choice data-correct="false"><label><input type="radio" data-choice-input>
      <span class="quiz-choice-text">Output <span data-why hidden>Tempting: it is 5× dearer.</span></span></label></li>
    <li data-choice data-correct="true"><label><input type="radio" data-choice-input>
      <span class="quiz-choice-text">Input <span data-why hidden>Right. 935,000 tokens.</span></span></label></li>
  </ul>
  <p data-quiz-verdict></p>
  <p data-quiz-note hidden></p>
  <button data-quiz-all hidden>Show every explanation</button>
</fieldset>`;

function choose(index: number): void {
  const input = document.querySelectorAll<HTMLInputElement>("[data-choice-input]")[index]!;
  input.checked = true;
  input.dispatchEvent(new Event("change"));
}

const whys = () => [...document.querySelectorAll<HTMLElement>("[data-why]")].map((w) => w.hidden);

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = markup;
});

describe("wireQuizzes(document)", () => {
  test("a wrong pick shows its own explanation and says it is not right", () => {
    wireQuizzes(document);
    choose(0);
    expect(whys()).toEqual([false, true]);
    expect(document.querySelector("[data-quiz-verdict]")!.textContent).toBe(
      "Not quite. Tempting: it is 5× dearer.",
    );
    expect(loadProgress().quizzes["q-volume"]).toEqual({ choice: "Output", correct: false });
  });

  test("the right pick is recorded as right, and every explanation can be shown", () => {
    wireQuizzes(document);
    choose(1);
    // The explanation opens with "Right." too; the verdict says it once.
    expect(document.querySelector("[data-quiz-verdict]")!.textContent).toBe(
      "Right. 935,000 tokens.",
    );
    expect(loadProgress().quizzes["q-volume"]!.correct).toBe(true);
    document.querySelector<HTMLButtonElement>("[data-quiz-all]")!.click();
    expect(whys()).toEqual([false, false]);
  });

  test("an answer from an earlier visit is shown again", () => {
    localStorage.setItem(
      "crux:progress:v1",
      JSON.stringify({ quizzes: { "q-volume": { choice: "Input", correct: true } } }),
    );
    wireQuizzes(document);
    const inputs = document.querySelectorAll<HTMLInputElement>("[data-choice-input]");
    expect(inputs[1]!.checked).toBe(true);
    expect(whys()).toEqual([true, false]);
  });

  test("an answer the browser would not store still shows, with a note that says so", () => {
    wireQuizzes(document);
    const note = document.querySelector<HTMLElement>("[data-quiz-note]")!;
    choose(0);
    expect(note.hidden).toBe(true);
    const setItem = vi.spyOn(localStorage, "setItem").mockImplementation(() => {
      throw new DOMException("Storage is full", "QuotaExceededError");
    });
    try {
      choose(1);
    } finally {
      setItem.mockRestore();
    }
    expect(document.querySelector("[data-quiz-verdict]")!.textContent).toMatch(/^Right\./);
    expect(note.hidden).toBe(false);
    expect(note.textContent).toMatch(/did not let Crux save it .* this visit only/);
  });
});
