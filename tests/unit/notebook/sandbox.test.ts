// @vitest-environment happy-dom
/**
 * The page's side of the sandbox, with the runner frame played by the test:
 * it answers (or does not) as the real frame would, and the page must keep
 * its watchdog, take down a frame that stops answering, and end every run
 * that was in it.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { FrameToPage, PageToFrame, WorkerEvent } from "../../../src/notebook/protocol";

vi.mock("../../../src/notebook/sandbox/worker.ts?worker&url", () => ({
  default: "/_astro/worker.js",
}));

type Sandbox = typeof import("../../../src/notebook/sandbox");

const start = { format: "cjs" as const, code: "", probe: null, input: undefined };

/** The runner frames the page made, with what the page told each one. */
interface FakeFrame {
  iframe: HTMLIFrameElement;
  told: PageToFrame[];
  say(message: FrameToPage): void;
}

let frames: FakeFrame[] = [];
let sandbox: Sandbox;

beforeEach(async () => {
  vi.resetModules();
  frames = [];
  vi.stubGlobal("fetch", () => Promise.resolve(new Response("/* the worker's code */")));
  const createElement = document.createElement.bind(document);
  vi.spyOn(document, "createElement").mockImplementation(
    (name: string, options?: ElementCreationOptions) => {
      const element = createElement(name, options);
      if (name !== "iframe") return element;
      const told: PageToFrame[] = [];
      const contentWindow = {
        postMessage: (message: PageToFrame): void => void told.push(message),
      };
      Object.defineProperty(element, "contentWindow", { get: () => contentWindow });
      const say = (message: FrameToPage): void => {
        window.dispatchEvent(
          new MessageEvent("message", { data: message, source: contentWindow as never }),
        );
      };
      frames.push({ iframe: element as HTMLIFrameElement, told, say });
      return element;
    },
  );
  sandbox = await import("../../../src/notebook/sandbox");
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

/** Starts a run and plays the frame loading; resolves once the page posted the run. */
async function startRun(
  options: { timeoutMs?: number; events?: WorkerEvent[] } = {},
): Promise<{ run: Awaited<ReturnType<Sandbox["runInSandbox"]>>; frame: FakeFrame; runId: number }> {
  const events = options.events ?? [];
  const pending = sandbox.runInSandbox(start, {
    timeoutMs: options.timeoutMs ?? 2_000,
    onEvent: (event) => events.push(event),
  });
  // The page makes its frame at once, on the first run.
  const frame = frames[frames.length - 1]!;
  if (!frame.told.some((message) => message.type === "crux:boot"))
    frame.say({ type: "crux:ready" });
  const run = await pending;
  const posted = frame.told.filter((message) => message.type === "crux:run");
  const last = posted[posted.length - 1];
  if (last?.type !== "crux:run") throw new Error("the page posted no run");
  return { run, frame, runId: last.runId };
}

describe("runnerDocument(script)", () => {
  test("carries the policy that shuts every network door, and the script cannot close its tag", () => {
    const html = sandbox.runnerDocument('console.log("</script><script>alert(1)</script>");');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${sandbox.RUNNER_POLICY}">`,
    );
    expect(html).not.toContain("</script><script>alert(1)");
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    for (const rule of [
      "default-src 'none'",
      "connect-src 'none'",
      "frame-src 'none'",
      "form-action 'none'",
    ]) {
      expect(sandbox.RUNNER_POLICY).toContain(rule);
    }
    // Scripts only inline or from blob: URLs the frame made itself; no origin is named.
    expect(sandbox.RUNNER_POLICY).not.toMatch(/'self'|https?:|\*/);
  });
});

describe("runInSandbox(start, options)", () => {
  test("hands the frame the boot script, then the run with its limit a margin before the watchdog", async () => {
    const { frame, run } = await startRun({ timeoutMs: 2_000 });
    expect(frame.iframe.getAttribute("sandbox")).toBe("allow-scripts");
    expect(frame.iframe.srcdoc).toContain("Content-Security-Policy");
    expect(frame.told[0]).toEqual({ type: "crux:boot", script: "/* the worker's code */" });
    expect(frame.told[1]).toMatchObject({
      type: "crux:run",
      timeoutMs: 2_000 - sandbox.STOP_MARGIN_MS,
      start: { ...start, limitMs: 2_000 - sandbox.STOP_MARGIN_MS },
    });
    expect(typeof run.startedAt).toBe("number");
  });

  test("relays the run's events and ends with the frame's status", async () => {
    const events: WorkerEvent[] = [];
    const { frame, run, runId } = await startRun({ events });
    frame.say({ type: "crux:event", runId, event: { kind: "done", ms: 3 } });
    frame.say({ type: "crux:event", runId: runId + 1, event: { kind: "done", ms: 9 } });
    frame.say({ type: "crux:end", runId, status: "done" });
    await expect(run.finished).resolves.toBe("done");
    expect(events).toEqual([{ kind: "done", ms: 3 }]);
    expect(frame.iframe.isConnected).toBe(true);
  });

  test("at the limit it asks the frame to stop; a frame that answers stays", async () => {
    vi.useFakeTimers();
    const { frame, run, runId } = await startRun({ timeoutMs: 500 });
    await vi.advanceTimersByTimeAsync(500);
    expect(frame.told.at(-1)).toEqual({ type: "crux:stop", runId });
    frame.say({ type: "crux:end", runId, status: "timeout" });
    await expect(run.finished).resolves.toBe("timeout");
    await vi.advanceTimersByTimeAsync(sandbox.FRAME_GRACE_MS * 2);
    expect(frame.iframe.isConnected).toBe(true);
  });

  test("a frame that does not answer the stop is removed, and every run in it ends", async () => {
    vi.useFakeTimers();
    const stuck = await startRun({ timeoutMs: 500 });
    const otherEvents: WorkerEvent[] = [];
    const other = await startRun({ timeoutMs: 60_000, events: otherEvents });
    expect(other.frame).toBe(stuck.frame);
    let otherStatus = "";
    void other.run.finished.then((status) => (otherStatus = status));

    await vi.advanceTimersByTimeAsync(500 + sandbox.FRAME_GRACE_MS - 1);
    expect(stuck.frame.iframe.isConnected).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    await expect(stuck.run.finished).resolves.toBe("timeout");
    expect(otherStatus).toBe("crashed");
    expect(stuck.frame.iframe.isConnected).toBe(false);

    // What the removed frame says afterwards reaches no one.
    stuck.frame.say({ type: "crux:event", runId: other.runId, event: { kind: "done", ms: 1 } });
    expect(otherEvents).toEqual([]);

    // The next run starts a fresh frame.
    vi.useRealTimers();
    const next = await startRun();
    expect(next.frame).not.toBe(stuck.frame);
    expect(frames).toHaveLength(2);
  });

  test("messages from anything but the runner frame are ignored", async () => {
    const events: WorkerEvent[] = [];
    const { run, runId } = await startRun({ events });
    window.dispatchEvent(
      new MessageEvent("message", {
        data: { type: "crux:end", runId, status: "done" },
        source: window,
      }),
    );
    window.dispatchEvent(
      new MessageEvent("message", { data: { type: "crux:end", runId, status: "done" } }),
    );
    let settled = false;
    void run.finished.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    run.stop();
  });
});
