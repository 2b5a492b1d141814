import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeServiceWorker } from "../../../scripts/serviceWorker.mjs";

const template = fileURLToPath(new URL("../../../scripts/sw-template.js", import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "crux-sw-"));
  await mkdir(join(dir, "lessons", "a"), { recursive: true });
  await mkdir(join(dir, "pagefind"));
  await writeFile(join(dir, "index.html"), "<h1>Crux</h1>");
  await writeFile(join(dir, "lessons", "a", "index.html"), "<h1>Lesson A</h1>");
  await writeFile(join(dir, "pagefind", "pagefind.js"), "export {};");
});

afterEach(async () => {
  await rm(dir, { recursive: true });
});

async function version(): Promise<string> {
  return (await writeServiceWorker(dir, "/b/", template)).version;
}

/** The lists the build wrote at the top of sw.js. */
async function workerLists(): Promise<{ eager: string[]; lazy: string[] }> {
  const source = await readFile(join(dir, "sw.js"), "utf8");
  const list = (name: string): string[] =>
    JSON.parse(new RegExp(`const ${name} = (.*);`).exec(source)?.[1] ?? "null") as string[];
  return { eager: list("EAGER"), lazy: list("LAZY") };
}

describe("writeServiceWorker(outDir, base, templatePath)", () => {
  test("the version stays the same when nothing in the build changed", async () => {
    const first = await version();
    // sw.js itself is now in the directory: it must not feed its own version.
    await expect(version()).resolves.toBe(first);
  });

  test.each([
    [
      "a page's text changes",
      () => writeFile(join(dir, "lessons", "a", "index.html"), "<h1>A2</h1>"),
    ],
    ["a file is added", () => writeFile(join(dir, "favicon.svg"), "<svg/>")],
    ["a file is removed", () => rm(join(dir, "pagefind", "pagefind.js"))],
    ["a file is renamed", () => rename(join(dir, "index.html"), join(dir, "home.html"))],
  ])("the version changes when %s", async (_case, change) => {
    const before = await version();
    await change();
    await expect(version()).resolves.not.toBe(before);
  });

  test("pages are cached at install; the search index after activation", async () => {
    await version();
    const { eager, lazy } = await workerLists();
    expect(eager).toEqual(["/b/", "/b/lessons/a/"]);
    expect(lazy).toEqual(["/b/pagefind/pagefind.js"]);
  });
});
