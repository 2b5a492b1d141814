import { describe, expect, test } from "vitest";
import { lessonBadge } from "../../../components/guide/progressView";
import {
  altitude,
  lessonProgress,
  outlineFromMdx,
  type LessonOutline,
} from "../../../components/guide/altitude";
import { progressFromJson, type Progress } from "../../../components/guide/progress";

const lessons: LessonOutline[] = [
  { id: "02-a", level: "Junior", quizIds: ["a1", "a2"], predictionIds: ["pa"] },
  { id: "03-b", level: "Middle", quizIds: ["b1"], predictionIds: [] },
  { id: "01-c", level: "Senior", quizIds: ["c1"], predictionIds: [] },
];

function answered(...ids: string[]): Progress {
  const progress: Progress = { quizzes: {}, predictions: {} };
  for (const id of ids) progress.quizzes[id] = { choice: "x", correct: true };
  return progress;
}

describe("lessonProgress(lesson, progress)", () => {
  test.each([
    [[], "not started"],
    [["a1"], "in progress"],
    [["a1", "a2"], "done"],
  ] as const)("with quizzes %j answered the lesson is %s", (ids, state) => {
    expect(lessonProgress(lessons[0]!, answered(...ids)).state).toBe(state);
  });

  test("a committed prediction alone puts a lesson in progress", () => {
    const progress: Progress = { quizzes: {}, predictions: { pa: { guess: 1 } } };
    expect(lessonProgress(lessons[0]!, progress)).toMatchObject({
      state: "in progress",
      predictionsMade: 1,
    });
  });
});

describe("altitude(lessons, progress)", () => {
  test.each([
    [[], "Zero"],
    [["a1", "a2"], "Junior"],
    [["a1", "a2", "c1"], "Junior"],
    [["a1", "a2", "b1"], "Middle"],
    [["a1", "a2", "b1", "c1"], "Senior"],
    [["b1", "c1"], "Zero"],
  ] as const)("after %j the reader is at %s", (ids, level) => {
    expect(altitude(lessons, answered(...ids))).toBe(level);
  });
});

describe("outlineFromMdx(id, level, body)", () => {
  test("finds the ids of quizzes and predictions in the source", () => {
    const body = `<Quiz id="q-one" question="?">\n<Predict client:visible id="p-one" snippet="s" />\n<Quiz question="x" id="q-two">`;
    expect(outlineFromMdx("01-x", "Zero", body)).toEqual({
      id: "01-x",
      level: "Zero",
      quizIds: ["q-one", "q-two"],
      predictionIds: ["p-one"],
    });
  });
});

describe("progressFromJson(text)", () => {
  test.each([null, "", "not json", "[]", '{"quizzes": 3}'])("%j gives empty progress", (text) => {
    expect(progressFromJson(text)).toEqual({ quizzes: {}, predictions: {} });
  });

  test("keeps well-formed entries and drops corrupted ones", () => {
    const text = JSON.stringify({
      quizzes: { good: { choice: "A", correct: false }, bad: { choice: 3 } },
      predictions: { good: { guess: 1.5, actual: 2 }, nan: { guess: "x" } },
    });
    expect(progressFromJson(text)).toEqual({
      quizzes: { good: { choice: "A", correct: false } },
      predictions: { good: { guess: 1.5, actual: 2 } },
    });
  });
});

describe("lessonBadge(outline, state)", () => {
  const outline = { id: "x", level: "Junior" as const, quizIds: ["a", "b"], predictionIds: ["p"] };

  test.each([
    [{}, {}, "not started · 0 of 2 quizzes · 0 of 1 prediction"],
    [
      { a: { choice: "A", correct: true } },
      {},
      "in progress · 1 of 2 quizzes, 1 right · 0 of 1 prediction",
    ],
    [
      { a: { choice: "A", correct: false }, b: { choice: "B", correct: true } },
      { p: { guess: 1 } },
      "done · 2 of 2 quizzes, 1 right · 1 of 1 prediction",
    ],
  ])("quizzes %j and predictions %j read %s", (quizzes, predictions, text) => {
    expect(lessonBadge(outline, lessonProgress(outline, { quizzes, predictions }))).toBe(text);
  });
});
