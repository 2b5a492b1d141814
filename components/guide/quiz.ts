import { loadProgress, NOT_SAVED_NOTE, updateProgress } from "./progress";

function choiceLabel(choice: HTMLElement): string {
  const text = choice.querySelector(".quiz-choice-text")?.cloneNode(true) as HTMLElement | null;
  text?.querySelector("[data-why]")?.remove();
  return text?.textContent?.trim() ?? "";
}

function showChoice(quiz: HTMLElement, choice: HTMLElement): void {
  const correct = choice.dataset.correct === "true";
  for (const other of quiz.querySelectorAll<HTMLElement>("[data-choice]")) {
    other.classList.toggle("is-picked", other === choice);
    if (other === choice) other.dataset.verdict = correct ? "right" : "wrong";
    else delete other.dataset.verdict;
  }
  const why = choice.querySelector<HTMLElement>("[data-why]");
  if (why) why.hidden = false;
  const verdict = quiz.querySelector<HTMLElement>("[data-quiz-verdict]");
  if (verdict) {
    const lead = correct ? "Right." : "Not quite.";
    // A right answer's explanation opens with "Right." where it stands
    // beside its choice; the verdict says it once.
    const explanation = (why?.textContent ?? "").trim().replace(/^Right[.:!]\s*/, "");
    verdict.textContent = `${lead} ${explanation}`;
    verdict.dataset.verdict = correct ? "right" : "wrong";
  }
  const all = quiz.querySelector<HTMLButtonElement>("[data-quiz-all]");
  if (all) all.hidden = false;
}

/** Says, beside the quiz, that its answer was not kept; quiet when it was. */
function showSavedNote(quiz: HTMLElement, saved: boolean): void {
  const note = quiz.querySelector<HTMLElement>("[data-quiz-note]");
  if (!note) return;
  note.hidden = saved;
  note.textContent = saved ? "" : `Your answer is shown here, but ${NOT_SAVED_NOTE}`;
}

/**
 * Makes every quiz on the page answerable: picking a choice reveals its
 * explanation, says whether it is right, and records it in the progress.
 * A quiz answered on an earlier visit shows that answer again.
 */
export function wireQuizzes(doc: Document): void {
  const saved = loadProgress();
  for (const quiz of doc.querySelectorAll<HTMLElement>("[data-quiz]")) {
    if (quiz.dataset.wired) continue;
    quiz.dataset.wired = "true";
    const id = quiz.dataset.quiz!;
    const choices = [...quiz.querySelectorAll<HTMLElement>("[data-choice]")];
    for (const [index, choice] of choices.entries()) {
      const input = choice.querySelector<HTMLInputElement>("[data-choice-input]");
      if (!input) continue;
      input.name = `quiz-${id}`;
      input.value = String(index);
      input.addEventListener("change", () => {
        showChoice(quiz, choice);
        const saved = updateProgress((progress) => {
          progress.quizzes[id] = {
            choice: choiceLabel(choice),
            correct: choice.dataset.correct === "true",
          };
        });
        showSavedNote(quiz, saved);
      });
    }
    quiz.querySelector("[data-quiz-all]")?.addEventListener("click", () => {
      for (const why of quiz.querySelectorAll<HTMLElement>("[data-why]")) why.hidden = false;
      quiz.classList.add("shows-all");
    });
    const previous = saved.quizzes[id];
    const picked = previous && choices.find((choice) => choiceLabel(choice) === previous.choice);
    if (picked) {
      picked.querySelector<HTMLInputElement>("[data-choice-input]")!.checked = true;
      showChoice(quiz, picked);
    }
  }
}
