import { altitude, lessonProgress, type LessonOutline } from "./altitude";
import { eraseAllData, loadProgress, onProgressChanged, safeStorage } from "./progress";

function readOutlines(doc: Document): LessonOutline[] {
  const script = doc.querySelector("[data-progress-outlines]");
  try {
    const parsed: unknown = JSON.parse(script?.textContent ?? "[]");
    return Array.isArray(parsed) ? (parsed as LessonOutline[]) : [];
  } catch {
    return [];
  }
}

function render(doc: Document, outlines: LessonOutline[]): void {
  const progress = loadProgress();
  const level = doc.querySelector("[data-altitude]");
  if (level) level.textContent = altitude(outlines, progress);
  for (const outline of outlines) {
    const card = doc.querySelector<HTMLElement>(`[data-lesson="${CSS.escape(outline.id)}"]`);
    const badge = card?.querySelector<HTMLElement>("[data-lesson-state]");
    if (!card || !badge) continue;
    const state = lessonProgress(outline, progress);
    card.dataset.state = state.state;
    const quizzes =
      outline.quizIds.length > 0
        ? ` · ${state.quizzesDone} of ${outline.quizIds.length} quizzes`
        : "";
    badge.textContent = `${state.state}${quizzes}`;
  }
}

/** Shows each lesson's state and the altitude; wires "erase my data". */
export function wireProgressSummary(doc: Document): void {
  const outlines = readOutlines(doc);
  render(doc, outlines);
  onProgressChanged(() => render(doc, outlines));
  const status = doc.querySelector("[data-progress-status]");
  if (!safeStorage()) {
    const note = doc.querySelector("[data-progress-note]");
    if (note) {
      note.textContent =
        "This browser does not let Crux store anything, so progress lasts only for this page.";
    }
  }
  doc.querySelector("[data-progress-erase]")?.addEventListener("click", () => {
    const sure = window.confirm(
      "Erase your quiz answers, predictions and edited snippets from this browser?",
    );
    if (!sure) return;
    const erased = eraseAllData();
    render(doc, outlines);
    if (status) status.textContent = `Erased ${erased} saved item${erased === 1 ? "" : "s"}.`;
  });
}
