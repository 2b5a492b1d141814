import { beforeEach, describe, expect, test } from "vitest";
import {
  eraseAllData,
  loadProgress,
  PROGRESS_KEY,
  updateProgress,
} from "../../../components/guide/progress";

beforeEach(() => localStorage.clear());

describe("updateProgress(change)", () => {
  test("saves an answered quiz so a reload finds it", () => {
    expect(updateProgress((p) => void (p.quizzes.q1 = { choice: "B", correct: true }))).toBe(true);
    expect(JSON.parse(localStorage.getItem(PROGRESS_KEY)!).quizzes.q1.choice).toBe("B");
    expect(loadProgress().quizzes.q1).toEqual({ choice: "B", correct: true });
  });

  test("reports false instead of throwing when storage is full", () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
    } as unknown as Storage;
    expect(updateProgress((p) => void (p.predictions.x = { guess: 1 }), full)).toBe(false);
  });

  test("reports false when there is no storage at all", () => {
    expect(updateProgress(() => undefined, null)).toBe(false);
  });
});

describe("eraseAllData()", () => {
  test("removes Crux's keys but keeps the theme and other sites' keys", () => {
    localStorage.setItem("crux:theme", "dark");
    localStorage.setItem("crux:snippet:v1:x", "edit");
    localStorage.setItem(PROGRESS_KEY, "{}");
    localStorage.setItem("other", "keep");
    expect(eraseAllData()).toBe(2);
    expect(localStorage.getItem("crux:theme")).toBe("dark");
    expect(localStorage.getItem("other")).toBe("keep");
    expect(localStorage.getItem(PROGRESS_KEY)).toBeNull();
  });
});
