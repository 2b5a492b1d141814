import { altitude, lessonProgress, type LessonOutline, type LessonProgress } from "./altitude";
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

/** "in progress · 2 of 4 quizzes, 1 right · 1 of 2 predictions". */
export function lessonBadge(outline: LessonOutline, state: LessonProgress): string {
  const parts: string[] = [state.state];
  if (outline.quizIds.length > 0) {
    const right = state.quizzesDone > 0 ? `, ${state.quizzesRight} right` : "";
    parts.push(`${state.quizzesDone} of ${outline.quizIds.length} quizzes${right}`);
  }
  if (outline.predictionIds.length > 0) {
    const total = outline.predictionIds.length;
    parts.push(`${state.predictionsMade} of ${total} prediction${total === 1 ? "" : "s"}`);
  }
  return parts.join(" · ");
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
    badge.textContent = lessonBadge(outline, state);
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
