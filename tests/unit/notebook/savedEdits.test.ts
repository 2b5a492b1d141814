import { describe, expect, test } from "vitest";
import {
  bringBackSetAside,
  clearEdit,
  damagedKey,
  editKey,
  hashOfSource,
  loadEdit,
  MAX_SAVED_CHARS,
  saveEdit,
  setAsideCount,
  setAsideDamaged,
  setAsideEdit,
  setAsideKey,
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
    expect(editKey("cost-spike-loop", "first-bill")).toBe(
      "crux:snippet:v1:cost-spike-loop:first-bill",
    );
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
    expect(saveEdit(memoryStorage(), "l", "s", ORIGINAL, "x".repeat(MAX_SAVED_CHARS + 1))).toBe(
      "full",
    );
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

describe("setAsideEdit(...), setAsideCount(...) and bringBackSetAside(...)", () => {
  const SHARED_THEN_CHANGED = "export const fromALink = 2;\n";

  test("a saved edit set aside survives a save of other code and comes back", () => {
    const storage = memoryStorage();
    saveEdit(storage, "l", "s", ORIGINAL, EDIT);
    expect(setAsideEdit(storage, "l", "s")).toBe(true);
    expect(loadEdit(storage, "l", "s", ORIGINAL)).toEqual({ kind: "none" });
    expect(setAsideCount(storage, "l", "s")).toBe(1);

    saveEdit(storage, "l", "s", ORIGINAL, SHARED_THEN_CHANGED);
    const back = bringBackSetAside(storage, "l", "s", ORIGINAL);
    expect(back).toMatchObject({ kind: "edit", code: EDIT, originalChanged: false });
    expect(loadEdit(storage, "l", "s", ORIGINAL)).toMatchObject({ code: EDIT });
    // The code it replaced is set aside in its turn: bringing back twice swaps back.
    expect(setAsideCount(storage, "l", "s")).toBe(1);
    expect(bringBackSetAside(storage, "l", "s", ORIGINAL)).toMatchObject({
      code: SHARED_THEN_CHANGED,
    });
    expect(setAsideCount(storage, "l", "s")).toBe(1);
  });

  test("several edits set aside stack up, the newest brought back first", () => {
    const storage = memoryStorage();
    for (const code of ["export const a = 1;\n", "export const b = 2;\n"]) {
      saveEdit(storage, "l", "s", ORIGINAL, code);
      setAsideEdit(storage, "l", "s");
    }
    expect(setAsideCount(storage, "l", "s")).toBe(2);
    expect(bringBackSetAside(storage, "l", "s", ORIGINAL)).toMatchObject({
      code: "export const b = 2;\n",
    });
    expect(setAsideCount(storage, "l", "s")).toBe(1);
    expect(bringBackSetAside(storage, "l", "s", ORIGINAL)).toMatchObject({
      code: "export const a = 1;\n",
    });
    expect(setAsideCount(storage, "l", "s")).toBe(1);
  });

  test("nothing to set aside is fine; nothing to bring back says none", () => {
    const storage = memoryStorage();
    expect(setAsideEdit(storage, "l", "s")).toBe(true);
    expect(storage.data.size).toBe(0);
    expect(bringBackSetAside(storage, "l", "s", ORIGINAL)).toEqual({ kind: "none" });
  });

  test("a damaged list is left alone and the saved edit stays where it is", () => {
    const storage = memoryStorage();
    saveEdit(storage, "l", "s", ORIGINAL, EDIT);
    storage.data.set(setAsideKey("l", "s"), "{not a list");
    expect(setAsideEdit(storage, "l", "s")).toBe(false);
    expect(loadEdit(storage, "l", "s", ORIGINAL)).toMatchObject({ code: EDIT });
    expect(storage.data.get(setAsideKey("l", "s"))).toBe("{not a list");
    expect(bringBackSetAside(storage, "l", "s", ORIGINAL)).toEqual({ kind: "corrupt" });
  });

  test("storage that refuses writes keeps the saved edit in place", () => {
    const storage = memoryStorage();
    saveEdit(storage, "l", "s", ORIGINAL, EDIT);
    const refusing = { ...storage, setItem: memoryStorage("quota").setItem };
    expect(setAsideEdit(refusing, "l", "s")).toBe(false);
    expect(loadEdit(storage, "l", "s", ORIGINAL)).toMatchObject({ code: EDIT });
    expect(setAsideCount(null, "l", "s")).toBe(0);
  });
});
