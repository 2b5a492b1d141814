import { describe, expect, test } from "vitest";
import {
  clearEdit,
  damagedKey,
  editKey,
  hashOfSource,
  loadEdit,
  MAX_SAVED_CHARS,
  saveEdit,
  setAsideDamaged,
  type EditStorage,
} from "../../../src/notebook/savedEdits";

/** An in-memory Storage that can be told to refuse writes. */
function memoryStorage(refuse?: "quota" | "security"): EditStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem(key, value) {
      if (refuse === "quota") throw new DOMException("full", "QuotaExceededError");
      if (refuse === "security") throw new DOMException("denied", "SecurityError");
      data.set(key, value);
    },
    removeItem: (key) => void data.delete(key),
  };
}

const ORIGINAL = 'import { costOf } from "cost";\n';
const EDIT = 'import { costOf } from "cost";\nconsole.log(costOf);\n';

describe("editKey(lesson, snippetId) and hashOfSource(text)", () => {
  test("the key is versioned and names the lesson and the snippet", () => {
    expect(editKey("cost-spike-loop", "first-bill")).toBe("crux:snippet:v1:cost-spike-loop:first-bill");
  });

  test("the hash is stable, 13 hex digits, and changes with any character", () => {
    expect(hashOfSource(ORIGINAL)).toMatch(/^[0-9a-f]{13}$/);
    expect(hashOfSource(ORIGINAL)).toBe(hashOfSource(String(ORIGINAL)));
    expect(hashOfSource(ORIGINAL)).not.toBe(hashOfSource(ORIGINAL.replace("cost", "Cost")));
  });
});

describe("saveEdit(...) then loadEdit(...)", () => {
  test("round-trips an edit made from the current original", () => {
    const storage = memoryStorage();
    expect(saveEdit(storage, "l", "s", ORIGINAL, EDIT)).toBe("saved");
    expect(loadEdit(storage, "l", "s", ORIGINAL)).toEqual({
      kind: "edit",
      code: EDIT,
      originalHash: hashOfSource(ORIGINAL),
      originalChanged: false,
    });
  });

  test("notices an original that changed since the edit, and keeps the edit", () => {
    const storage = memoryStorage();
    saveEdit(storage, "l", "s", ORIGINAL, EDIT);
    expect(loadEdit(storage, "l", "s", `${ORIGINAL}// revised\n`)).toMatchObject({
      kind: "edit",
      code: EDIT,
      originalChanged: true,
    });
  });

  test("editing back to the original removes the entry", () => {
    const storage = memoryStorage();
    saveEdit(storage, "l", "s", ORIGINAL, EDIT);
    expect(saveEdit(storage, "l", "s", ORIGINAL, ORIGINAL)).toBe("saved");
    expect(loadEdit(storage, "l", "s", ORIGINAL)).toEqual({ kind: "none" });
  });

  test.each([
    ["not JSON", "{oops"],
    ["JSON of the wrong shape", JSON.stringify({ code: 5 })],
    ["JSON null", "null"],
  ])("an entry that is %s reads as corrupt and is left in place", (_, raw) => {
    const storage = memoryStorage();
    storage.data.set(editKey("l", "s"), raw);
    expect(loadEdit(storage, "l", "s", ORIGINAL)).toEqual({ kind: "corrupt" });
    expect(storage.data.get(editKey("l", "s"))).toBe(raw);
  });

  test("full or refused storage is reported, never thrown", () => {
    expect(saveEdit(memoryStorage("quota"), "l", "s", ORIGINAL, EDIT)).toBe("full");
    expect(saveEdit(memoryStorage("security"), "l", "s", ORIGINAL, EDIT)).toBe("unavailable");
    expect(saveEdit(null, "l", "s", ORIGINAL, EDIT)).toBe("unavailable");
    expect(saveEdit(memoryStorage(), "l", "s", ORIGINAL, "x".repeat(MAX_SAVED_CHARS + 1))).toBe("full");
    expect(loadEdit(null, "l", "s", ORIGINAL)).toEqual({ kind: "unavailable" });
  });

  test("clearEdit forgets the edit", () => {
    const storage = memoryStorage();
    saveEdit(storage, "l", "s", ORIGINAL, EDIT);
    expect(clearEdit(storage, "l", "s")).toBe(true);
    expect(loadEdit(storage, "l", "s", ORIGINAL)).toEqual({ kind: "none" });
  });
});

describe("setAsideDamaged(storage, lesson, snippetId)", () => {
  test("moves an unreadable entry aside, so a new save loses nothing", () => {
    const storage = memoryStorage();
    storage.data.set(editKey("l", "s"), "{oops");
    expect(setAsideDamaged(storage, "l", "s")).toBe(true);
    saveEdit(storage, "l", "s", ORIGINAL, EDIT);
    expect(storage.data.get(damagedKey("l", "s"))).toBe("{oops");
    expect(loadEdit(storage, "l", "s", ORIGINAL)).toMatchObject({ kind: "edit", code: EDIT });
  });
});
