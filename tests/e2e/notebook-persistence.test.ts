import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { hashOfSource } from "../../src/notebook/savedEdits";
import { shareHash } from "../../src/notebook/shareLink";
import { launchBrowser, newPage } from "./browser";
import {
  editorText,
  LESSON_PATH,
  SNIPPET,
  openEditor,
  openLesson,
  outputText,
  replaceCode,
  run,
  settled,
} from "./notebookHelpers";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const KEY = `crux:snippet:v1:per-token-arithmetic:${SNIPPET}`;
const EDIT = 'export const edited = "by the reader";\nconsole.log(edited);\n';

async function noticeText(cell: Locator): Promise<string> {
  await cell.locator(".notebook-notice").first().waitFor();
  return (await cell.locator(".notebook-notices").innerText()).replace(/\s*Dismiss\s*/g, " ");
}

async function editAndWaitForSave(page: Page, cell: Locator, code: string): Promise<void> {
  await openEditor(cell);
  await replaceCode(page, cell, code);
  await page.waitForFunction(
    ([key, text]) => localStorage.getItem(key!)?.includes(text!) === true,
    [KEY, "by the reader"],
  );
}

async function shareLinkFor(page: Page, cell: Locator): Promise<string> {
  await cell.getByRole("button", { name: "Share" }).click();
  const box = cell.locator(".notebook-share-url");
  await box.waitFor();
  return box.inputValue();
}

describe("edits persist per snippet", () => {
  test("an edit survives a reload, marked edited, and does not run by itself", async () => {
    const { context, page } = await newPage(browser);
    let cell = await openLesson(page);
    await editAndWaitForSave(page, cell, EDIT);
    await page.reload();
    cell = await openLesson(page);
    // The saved edit is read once the island has hydrated: wait for it.
    await expect
      .poll(() => cell.locator(".notebook-static").innerText(), { timeout: 10_000 })
      .toContain("by the reader");
    await expect(cell.locator(".notebook-edited").innerText()).resolves.toBe("edited");
    await page.waitForTimeout(500);
    await expect(cell.locator(".notebook-output").getAttribute("data-state")).resolves.toBe("idle");
    await expect(run(cell)).resolves.toBe("ok");
    await expect(outputText(cell)).resolves.toContain("by the reader");
    await context.close();
  });

  test("Reset asks first, then restores the original and forgets the edit", async () => {
    const { context, page } = await newPage(browser);
    const cell = await openLesson(page);
    await editAndWaitForSave(page, cell, EDIT);

    page.once("dialog", (dialog) => void dialog.dismiss());
    await cell.getByRole("button", { name: "Reset" }).click();
    await expect(editorText(cell)).resolves.toContain("by the reader");

    page.once("dialog", (dialog) => void dialog.accept());
    await cell.getByRole("button", { name: "Reset" }).click();
    await cell.locator(".notebook-edited").waitFor({ state: "detached" });
    await expect(editorText(cell)).resolves.toContain("formatUsd");
    await expect(page.evaluate((key) => localStorage.getItem(key), KEY)).resolves.toBeNull();
    await context.close();
  });

  test("a changed original is noticed and the reader keeps their version", async () => {
    const { context, page } = await newPage(browser);
    await seedStorage(context, { code: EDIT, originalHash: "0000000000000", savedAt: 1 });
    const cell = await openLesson(page);
    await expect(noticeText(cell)).resolves.toContain(
      "The lesson's version of this snippet changed",
    );
    // The saved edit is read once the island has hydrated: wait for it.
    await expect
      .poll(() => cell.locator(".notebook-static").innerText(), { timeout: 10_000 })
      .toContain("by the reader");
    await context.close();
  });

  test("a damaged entry is reported, the original shown, and the entry set aside on edit", async () => {
    const { context, page } = await newPage(browser);
    await seedStorage(context, "{not json");
    const cell = await openLesson(page);
    await expect(noticeText(cell)).resolves.toContain("could not be read");
    await expect(cell.locator(".notebook-static").innerText()).resolves.toContain("formatUsd");
    await editAndWaitForSave(page, cell, EDIT);
    await expect(page.evaluate((key) => localStorage.getItem(`${key}:damaged`), KEY)).resolves.toBe(
      "{not json",
    );
    await context.close();
  });

  test.each([
    ["full", "QuotaExceededError", "storage for the site is full"],
    ["turned off", "SecurityError", "does not let the site save edits"],
  ])("storage that is %s gets a message and the edit stays on the page", async (_, name, says) => {
    const { context, page } = await newPage(browser);
    await context.addInitScript((errorName) => {
      Storage.prototype.setItem = function refuse() {
        throw new DOMException("refused", errorName);
      };
    }, name);
    const cell = await openLesson(page);
    await openEditor(cell);
    await replaceCode(page, cell, EDIT);
    await expect(noticeText(cell)).resolves.toContain(says);
    await expect(editorText(cell)).resolves.toContain("by the reader");
    await expect(run(cell)).resolves.toBe("ok");
    await context.close();
  });
});

async function seedStorage(context: BrowserContext, value: unknown): Promise<void> {
  const raw = typeof value === "string" ? value : JSON.stringify(value);
  await context.addInitScript(
    ([key, entry]) => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem(key!, entry!);
        sessionStorage.setItem("seeded", "yes");
      }
    },
    [KEY, raw],
  );
}

describe("share links", () => {
  test("a link carries the edit to another reader, shown and ready, not run", async () => {
    const first = await newPage(browser);
    let cell = await openLesson(first.page);
    await openEditor(cell);
    await replaceCode(first.page, cell, EDIT);
    const link = await shareLinkFor(first.page, cell);
    expect(link).toMatch(new RegExp(`${LESSON_PATH}#share/v1/${SNIPPET}/[A-Za-z0-9_-]+$`));
    await first.context.close();

    const second = await newPage(browser);
    cell = await openLesson(second.page, link.slice(link.indexOf("#")));
    await expect(noticeText(cell)).resolves.toContain("came from a shared link and has not run");
    // The saved edit is read once the island has hydrated: wait for it.
    await expect
      .poll(() => cell.locator(".notebook-static").innerText(), { timeout: 10_000 })
      .toContain("by the reader");
    await second.page.waitForTimeout(500);
    await expect(cell.locator(".notebook-output").getAttribute("data-state")).resolves.toBe("idle");
    await expect(run(cell)).resolves.toBe("ok");
    await expect(outputText(cell)).resolves.toContain("by the reader");
    expect(second.problems.foreignRequests).toEqual([]);
    await second.context.close();
  });

  test.each([
    ["a malformed payload", `#share/v1/${SNIPPET}/@@not-base64@@`, "damaged"],
    ["a truncated payload", "TRUNCATE", "damaged"],
    ["an oversized payload", `#share/v1/${SNIPPET}/${"A".repeat(40_000)}`, "too long"],
    ["another version", `#share/v9/${SNIPPET}/AAAA`, "another version of Crux"],
    ["an unknown snippet", "#share/v1/no-such-snippet/AAAA", "not on this page"],
  ])("%s gets a clear message and the original stays", async (_, hash, says) => {
    const { context, page, problems } = await newPage(browser);
    let target = hash;
    if (hash === "TRUNCATE") {
      const cell = await openLesson(page);
      await openEditor(cell);
      await replaceCode(page, cell, EDIT.repeat(20));
      const link = await shareLinkFor(page, cell);
      const full = link.slice(link.indexOf("#"));
      target = full.slice(0, Math.floor(full.length * 0.6));
      await page.evaluate(() => localStorage.clear());
      await page.goto("about:blank");
    }
    const cell = await openLesson(page, target);
    await expect(noticeText(cell)).resolves.toContain(says);
    await expect(cell.locator(".notebook-static").innerText()).resolves.toContain("formatUsd");
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});

describe("share links and the reader's own saved edit", () => {
  const SHARED = 'export const shared = "from a link";\nconsole.log(shared);\n';
  const savedEntry = { code: EDIT, originalHash: "", savedAt: 1 };

  /** A saved edit made from the lesson's current original, so no notice shows. */
  function currentEntry(): object {
    const file = readFileSync(`content/snippets/per-token-arithmetic/${SNIPPET}.ts`, "utf8");
    // As Snippet.astro trims it: the cell's original has no trailing newline.
    const original = file.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
    return { ...savedEntry, originalHash: hashOfSource(original) };
  }

  test("a malformed link leaves an existing saved edit shown and stored as it was", async () => {
    const { context, page } = await newPage(browser);
    await seedStorage(context, savedEntry);
    const stored = JSON.stringify(savedEntry);
    const cell = await openLesson(page, `#share/v1/${SNIPPET}/@@not-base64@@`);
    await expect(noticeText(cell)).resolves.toContain("damaged");
    // The saved edit is read once the island has hydrated: wait for it.
    await expect
      .poll(() => cell.locator(".notebook-static").innerText(), { timeout: 10_000 })
      .toContain("by the reader");
    await openEditor(cell);
    await expect(editorText(cell)).resolves.toContain("by the reader");
    await expect(page.evaluate((key) => localStorage.getItem(key), KEY)).resolves.toBe(stored);
    await context.close();
  });

  test("a share link opened on the page shows its code, without running it", async () => {
    const { context, page } = await newPage(browser);
    const cell = await openLesson(page);
    await expect(run(cell)).resolves.toBe("ok");
    const runs = await cell.locator(".notebook-output").getAttribute("data-run");

    await page.evaluate((hash) => (window.location.hash = hash), await shareHash(SNIPPET, SHARED));
    await expect(noticeText(cell)).resolves.toContain("came from a shared link and has not run");
    await expect.poll(() => editorText(cell)).toContain('"from a link"');
    // Longer than a re-run after typing waits (400 ms): nothing starts.
    await page.waitForTimeout(1500);
    await expect(settled(cell)).resolves.toBe("ok");
    await expect(cell.locator(".notebook-output").getAttribute("data-run")).resolves.toBe(runs);
    await expect(outputText(cell)).resolves.not.toContain("from a link");

    await expect(run(cell)).resolves.toBe("ok");
    await expect(outputText(cell)).resolves.toContain("from a link");
    await context.close();
  });

  test("changing shared code sets the reader's saved edit aside, and it can be brought back", async () => {
    const { context, page } = await newPage(browser);
    await seedStorage(context, currentEntry());
    const cell = await openLesson(page, await shareHash(SNIPPET, SHARED));
    await expect(noticeText(cell)).resolves.toContain(
      "Your own saved edit of this snippet is kept",
    );
    await expect(cell.locator(".notebook-static").innerText()).resolves.toContain("from a link");

    await openEditor(cell);
    await replaceCode(page, cell, SHARED.replace("from a link", "changed by me"));
    await page.waitForFunction((key) => localStorage.getItem(key!)?.includes("changed by me"), KEY);
    const aside = await page.evaluate((key) => localStorage.getItem(`${key}:set-aside`), KEY);
    expect(JSON.parse(aside ?? "[]").map((raw: string) => JSON.parse(raw).code)).toEqual([EDIT]);
    await expect(noticeText(cell)).resolves.toContain(
      "An earlier edit of yours of this snippet is set aside",
    );

    await cell.getByRole("button", { name: "Bring back my edit" }).click();
    await expect.poll(() => editorText(cell)).toContain("by the reader");
    await expect(page.evaluate((key) => localStorage.getItem(key), KEY)).resolves.toContain(
      "by the reader",
    );
    // The code it replaced waits in its place.
    await expect(
      page.evaluate((key) => localStorage.getItem(`${key}:set-aside`), KEY),
    ).resolves.toContain("changed by me");
    await context.close();
  });

  test("Share warns, and makes no link, when the edit is too long for one", async () => {
    const { context, page } = await newPage(browser);
    // Text that does not compress: 60,000 characters from a fixed xorshift sequence.
    let seed = 11;
    const noise = Array.from({ length: 60_000 }, () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return String.fromCharCode(97 + ((seed >>> 0) % 26));
    }).join("");
    await seedStorage(context, { code: `// ${noise}\n`, originalHash: "", savedAt: 1 });
    const cell = await openLesson(page);
    await cell.getByRole("button", { name: "Share" }).click();
    const warning = cell.locator('[data-notice="share-too-long"]');
    await warning.waitFor();
    await expect(warning.innerText()).resolves.toMatch(/too long to share in a link.*32,000/);
    expect(await cell.locator(".notebook-share-url").count()).toBe(0);
    await context.close();
  });
});
