import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, newPage, siteUrl } from "./browser";
import {
  editorText,
  openEditor,
  openLesson,
  outputText,
  replaceCode,
  run,
  settled,
} from "./notebookHelpers";
import { watchResponsiveness } from "./pageWatch";

let browser: Browser;
/** A server on another origin that counts whatever reaches it. */
let trap: Server;
let trapUrl = "";
const trapHits: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  trap = createServer((request, response) => {
    trapHits.push(request.url ?? "?");
    response.writeHead(200, { "access-control-allow-origin": "*" });
    response.end("reached");
  });
  trap.on("upgrade", (request, socket) => {
    trapHits.push(`upgrade ${request.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
  const address = trap.address();
  trapUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => trap?.close(resolve));
});

/** Measures how long the page takes to answer typing, while a run goes on. */
async function pageTakesTyping(page: Page): Promise<string> {
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.id = "probe-input";
    document.body.append(input);
    input.focus();
  });
  await page.keyboard.type("abc");
  return page.evaluate(() => {
    const input = document.getElementById("probe-input") as HTMLInputElement;
    input.remove();
    return input.value;
  });
}

const runaways: [string, string][] = [
  ["a loop that never ends", "let spins = 0;\nwhile (true) {\n  spins++;\n}\n"],
  [
    "an async loop that never ends",
    "while (true) {\n  await new Promise((resolve) => setTimeout(resolve, 0));\n}\n",
  ],
  [
    "a huge allocation",
    "const blocks: number[][] = [];\nfor (;;) blocks.push(new Array(1_000_000).fill(1));\n",
  ],
  [
    "infinite recursion",
    "function deeper(n: number): number {\n  return deeper(n + 1) + 1;\n}\ndeeper(0);\n",
  ],
];

/**
 * The watchdog's promise: from the moment the frame has the run to the stop
 * on the page, 2 seconds. The frame stops the worker 150 ms before that; the
 * rest is room for a loaded two-core machine to pass the news along.
 */
const STOP_BOUND_MS = 2_000 + 400;

describe("the sandbox stops runaway code", () => {
  test.each(runaways)(
    "%s is stopped within 2 seconds while the page answers input",
    async (_, code) => {
      const { context, page, problems } = await newPage(browser);
      const cell = await openLesson(page);
      await openEditor(cell);
      // A first run warms the compiler and the sandbox: what is watched below
      // is the page during the runaway run, not while they start.
      await replaceCode(page, cell, 'console.log("warm");\n');
      await expect(run(cell)).resolves.toBe("ok");
      await replaceCode(page, cell, code);

      const watch = await watchResponsiveness(page);
      await cell.getByRole("button", { name: "Run", exact: true }).click();
      if (!code.includes("deeper")) {
        await cell.locator('.notebook-output[data-state="running"]').waitFor();
        await expect(pageTakesTyping(page)).resolves.toBe("abc");
      }
      const state = await settled(cell);
      const answers = await watch.stop();
      const text = await outputText(cell);
      const runMs = Number(await cell.locator(".notebook-output").getAttribute("data-run-ms"));
      expect(runMs).toBeGreaterThan(0);
      expect(runMs).toBeLessThan(STOP_BOUND_MS);
      // A busy two-core machine is slow, but the page is never frozen: it paints
      // and answers the test's pings all through the run.
      expect(answers.frames).toBeGreaterThan(0);
      expect(answers.longestFrameGapMs).toBeLessThan(1_500);
      expect(answers.longestPingMs).toBeLessThan(1_500);
      if (code.includes("deeper")) {
        expect(state).toBe("error");
        expect(text).toContain("recursed too deeply");
        // The overflow strikes on entry to the function or at its call: either
        // way the position is inside the recursive function.
        expect(text).toMatch(/at line [12], column \d+/);
      } else if (code.includes("blocks")) {
        // The memory runs out first, or the watchdog stops it: either is told.
        expect(text).toMatch(/Stopped after 2 seconds|more memory than the sandbox/);
      } else {
        expect(state).toBe("timeout");
        expect(text).toContain("Stopped after 2 seconds");
      }

      // The edit stays, and the next run works.
      await expect(editorText(cell)).resolves.toContain(code.split("\n")[0]);
      await replaceCode(page, cell, 'console.log("alive again");\n');
      await expect(run(cell)).resolves.toBe("ok");
      await expect(outputText(cell)).resolves.toContain("alive again");
      expect(problems.pageErrors).toEqual([]);
      expect(problems.foreignRequests).toEqual([]);
      await context.close();
    },
  );
});

/** A snippet that tries every way out of the sandbox and prints what happened. */
function escapeSnippet(site: string, trapOrigin: string): string {
  return `const site = ${JSON.stringify(site)};
const trap = ${JSON.stringify(trapOrigin)};
const g = globalThis as any;
const results: Record<string, string> = {};
async function attempt(name: string, action: () => unknown): Promise<void> {
  try {
    const late = new Promise((resolve) => setTimeout(() => resolve("no answer"), 800));
    const value = await Promise.race([Promise.resolve().then(action), late]);
    results[name] = "allowed: " + String(value);
  } catch (error) {
    results[name] = "refused: " + (error instanceof Error ? error.name : String(error));
  }
}
await attempt("localStorage", () => g.localStorage.getItem("crux:secret"));
await attempt("sessionStorage", () => g.sessionStorage.getItem("crux:secret"));
await attempt("indexedDB", () => new Promise((resolve, reject) => {
  const request = g.indexedDB.open("crux-escape");
  request.onsuccess = () => resolve("opened");
  request.onerror = () => reject(request.error);
}));
await attempt("cookie", () => g.document.cookie);
await attempt("parent DOM", () => g.parent.document.title);
await attempt("top", () => g.top.location.href);
await attempt("cookieStore", () => g.cookieStore.getAll());
await attempt("fetch site", () => fetch(site + "escape-probe/fetch").then((r) => r.status));
await attempt("fetch trap", () => fetch(trap + "/fetch").then((r) => r.status));
await attempt("no-cors fetch", () => fetch(trap + "/no-cors", { mode: "no-cors" }).then((r) => r.type));
await attempt("xhr", () => new Promise((resolve, reject) => {
  const xhr = new XMLHttpRequest();
  xhr.open("GET", trap + "/xhr");
  xhr.onload = () => resolve(xhr.status);
  xhr.onerror = () => reject(new Error("network"));
  xhr.send();
}));
await attempt("websocket", () => new Promise((resolve, reject) => {
  const socket = new WebSocket(trap.replace("http", "ws") + "/ws");
  socket.onopen = () => resolve("open");
  socket.onerror = () => reject(new Error("socket"));
}));
await attempt("eventsource", () => new Promise((resolve, reject) => {
  const events = new EventSource(trap + "/sse");
  events.onopen = () => resolve("open");
  events.onerror = () => { events.close(); reject(new Error("sse")); };
}));
await attempt("importScripts", () => g.importScripts(trap + "/script.js"));
await attempt("nested worker", () => new Promise((resolve, reject) => {
  const worker = new Worker(trap + "/worker.js");
  worker.onerror = () => reject(new Error("worker"));
  worker.onmessage = () => resolve("ran");
}));
await attempt("image beacon", () => fetch(trap + "/pixel.gif", { mode: "no-cors", keepalive: true }));
console.log(JSON.stringify(results));
`;
}

async function resultsOf(cell: Locator): Promise<Record<string, string>> {
  const line = await cell.locator(".notebook-console").first().innerText();
  return JSON.parse(line) as Record<string, string>;
}

describe("the sandbox keeps reader code away from the site", () => {
  test("storage, cookies, the page's DOM and every network door are refused", async () => {
    const { context, page, problems } = await newPage(browser);
    const siteHits: string[] = [];
    await context.route("**/escape-probe/**", (route) => {
      siteHits.push(route.request().url());
      return route.fulfill({ status: 200, body: "reached" });
    });
    const cell = await openLesson(page);
    await page.evaluate(() => {
      localStorage.setItem("crux:secret", "the reader's saved work");
      document.cookie = "crux-session=secret; path=/";
    });
    await openEditor(cell);
    await replaceCode(page, cell, escapeSnippet(siteUrl(), trapUrl));
    await expect(run(cell, 40_000)).resolves.toBe("ok");

    const results = await resultsOf(cell);
    expect(Object.keys(results)).toHaveLength(16);
    for (const [door, outcome] of Object.entries(results)) {
      expect(`${door}: ${outcome}`).toMatch(new RegExp(`^${door}: refused`));
    }
    // Nothing reached another origin or the site; what the browser began, it blocked.
    expect(trapHits).toEqual([]);
    expect(siteHits).toEqual([]);
    for (const url of problems.foreignRequests) {
      expect(problems.failedRequests.some((failed) => failed.startsWith(url))).toBe(true);
    }
    await expect(page.title()).resolves.toBe("Per-token arithmetic · Crux");

    // The frame itself has an opaque origin: the site's storage is not its own.
    const runner = page.frames().find((frame) => frame.name() === "crux-sandbox");
    expect(runner).toBeDefined();
    await expect(runner!.evaluate(() => self.origin)).resolves.toBe("null");
    await expect(
      runner!.evaluate(() => {
        try {
          return String(localStorage.length);
        } catch (error) {
          return (error as Error).name;
        }
      }),
    ).resolves.toBe("SecurityError");
    await context.close();
  });

  test("messages forged by reader code or by another frame are ignored", async () => {
    const { context, page, problems } = await newPage(browser);
    const cell = await openLesson(page);
    await openEditor(cell);
    const forged = `const lie = { kind: "string", value: "FORGED", omitted: 0 };
for (let runId = 1; runId < 50; runId++) {
  self.postMessage({ type: "crux:event", runId, event: { kind: "console", level: "log", args: [lie] } });
  self.postMessage({ type: "crux:end", runId, status: "done" });
}
self.postMessage({ kind: "console", level: "log", args: [lie] });
self.postMessage({ kind: "done", ms: 0 });
await new Promise((resolve) => setTimeout(resolve, 600));
console.log("the real output");
export const answer = 42;
`;
    await replaceCode(page, cell, forged);
    await cell.getByRole("button", { name: "Run", exact: true }).click();
    await cell.locator('.notebook-output[data-state="running"]').waitFor();
    // Meanwhile a frame of another origin on the page tries the same.
    await page.evaluate(() => {
      const frame = document.createElement("iframe");
      frame.setAttribute("sandbox", "allow-scripts");
      frame.srcdoc = `<script>
        const lie = { kind: "string", value: "FORGED", omitted: 0 };
        for (let runId = 0; runId < 200; runId++) {
          parent.postMessage({ type: "crux:event", runId, event: { kind: "console", level: "log", args: [lie] } }, "*");
          parent.postMessage({ type: "crux:end", runId, status: "done" }, "*");
        }
      </script>`;
      document.body.append(frame);
    });
    await expect(settled(cell)).resolves.toBe("ok");
    const text = await outputText(cell);
    expect(text).toContain("the real output");
    expect(text).toMatch(/answer\s*=?\s*42/);
    expect(text).not.toContain("FORGED");
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
