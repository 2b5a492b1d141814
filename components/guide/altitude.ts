import type { Progress } from "./progress";

export const LEVELS = ["Zero", "Junior", "Middle", "Senior"] as const;
export type Level = (typeof LEVELS)[number];

/** What the home page knows of a lesson at build time. */
export interface LessonOutline {
  id: string;
  level: Level;
  quizIds: string[];
  predictionIds: string[];
}

export type LessonState = "not started" | "in progress" | "done";

export interface LessonProgress {
  state: LessonState;
  quizzesDone: number;
  quizzesRight: number;
  predictionsMade: number;
}

/** How far the reader is through one lesson: done means every quiz answered. */
export function lessonProgress(lesson: LessonOutline, progress: Progress): LessonProgress {
  const answered = lesson.quizIds.filter((id) => progress.quizzes[id]);
  const right = answered.filter((id) => progress.quizzes[id]?.correct);
  const predictions = lesson.predictionIds.filter((id) => progress.predictions[id]);
  const touched = answered.length + predictions.length;
  const state: LessonState =
    lesson.quizIds.length > 0 && answered.length === lesson.quizIds.length
      ? "done"
      : touched > 0
        ? "in progress"
        : "not started";
  return {
    state,
    quizzesDone: answered.length,
    quizzesRight: right.length,
    predictionsMade: predictions.length,
  };
}

/**
 * The reader's altitude: the highest level whose lessons, and every lower
 * level's, are all done. Zero until the Junior lessons are done.
 */
export function altitude(lessons: LessonOutline[], progress: Progress): Level {
  let reached: Level = "Zero";
  for (const level of LEVELS.slice(1)) {
    const upTo = lessons.filter((lesson) => LEVELS.indexOf(lesson.level) <= LEVELS.indexOf(level));
    const allDone = upTo.every((lesson) => lessonProgress(lesson, progress).state === "done");
    if (upTo.length === 0 || !allDone) break;
    reached = level;
  }
  return reached;
}

/** The ids of the quizzes and predictions a lesson's MDX source declares. */
export function outlineFromMdx(id: string, level: Level, body: string): LessonOutline {
  const ids = (tag: string): string[] =>
    [...body.matchAll(new RegExp(`<${tag}\\b[^>]*\\bid="([^"]+)"`, "g"))].map((m) => m[1]!);
  return { id, level, quizIds: ids("Quiz"), predictionIds: ids("Predict") };
}
