/**
 * The page's side of the sandbox: one hidden runner frame per page, with an
 * opaque origin and its own Content-Security-Policy, started on first use.
 * Every run gets a fresh worker in that frame. The frame terminates a
 * worker a little before the time limit (its thread is free while the
 * worker spins), so the stop reaches the reader within the limit. The page
 * keeps a watchdog of its own at the limit: it tells the frame to stop the
 * run, and if the frame does not answer it removes the frame (and every
 * worker in it).
 */
import bootScriptUrl from "./sandbox/worker.ts?worker&url";
import runnerScript from "./sandbox/runner.js?raw";
import {
  frameMessageFromUntrusted,
  type PageToFrame,
  type RunStatus,
  type WorkerEvent,
  type WorkerStart,
} from "./protocol";
import { RUN_TIMEOUT_MS } from "./messages";

/** How long the frame has to answer a stop before it is removed (1 second). */
export const FRAME_GRACE_MS = 1000;
/**
 * How much sooner than the limit the frame stops a run (0.15 seconds): time
 * for the stop to cross to the page and be shown, all within the limit.
 */
export const STOP_MARGIN_MS = 150;
/** How long the frame has to load before the page gives up on it (20 seconds). */
const FRAME_LOAD_MS = 20 * 1000;

export interface SandboxRunOptions {
  timeoutMs?: number;
  onEvent(event: WorkerEvent): void;
}

export interface SandboxRun {
  /** When the run was handed to the frame (`performance.now()`, milliseconds). */
  startedAt?: number;
  /** Settles with how the run ended; never rejects. */
  finished: Promise<RunStatus>;
  /** Ends the run now; `finished` then settles with "timeout". */
  stop(): void;
}

interface PendingRun {
  onEvent(event: WorkerEvent): void;
  end(status: RunStatus): void;
}

interface RunnerFrame {
  iframe: HTMLIFrameElement;
  post(message: PageToFrame): void;
  runs: Map<number, PendingRun>;
}

let framePromise: Promise<RunnerFrame> | null = null;
let nextRunId = 1;

/**
 * The runner frame's own policy: it shuts every network door for the frame
 * and the blob workers it starts. Its one script is inline, below.
 */
export const RUNNER_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' blob:",
  "worker-src blob:",
  "child-src blob:",
  "connect-src 'none'",
  "img-src 'none'",
  "style-src 'none'",
  "font-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");

/**
 * The runner's whole document, given to the frame as `srcdoc`. A sandboxed
 * frame's own navigation never reaches the site's service worker, so a
 * runner served as a file would not load offline; this one needs no load.
 */
export function runnerDocument(script: string = runnerScript): string {
  const inline = script.replace(/<\/(script)/gi, "<\\/$1");
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${RUNNER_POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    "<title>Crux snippet sandbox</title></head>",
    `<body><script>${inline}</script></body></html>`,
  ].join("");
}

function createFrame(): Promise<RunnerFrame> {
  const iframe = document.createElement("iframe");
  iframe.setAttribute("sandbox", "allow-scripts");
  iframe.setAttribute("aria-hidden", "true");
  iframe.tabIndex = -1;
  iframe.title = "Snippet sandbox";
  iframe.className = "notebook-sandbox-frame";
  iframe.name = "crux-sandbox";
  iframe.srcdoc = runnerDocument();
  const runs = new Map<number, PendingRun>();
  const post = (message: PageToFrame): void => iframe.contentWindow?.postMessage(message, "*");
  const bootScript = fetch(bootScriptUrl).then((response) => {
    if (!response.ok) throw new Error(`the sandbox script answered HTTP ${response.status}`);
    return response.text();
  });

  return new Promise<RunnerFrame>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error("the sandbox did not load")), FRAME_LOAD_MS);
    function fail(error: Error): void {
      clearTimeout(timer);
      removeFrame(iframe, runs);
      reject(error);
    }
    function listen(event: MessageEvent): void {
      // Only the runner frame speaks here; what it says is untrusted data.
      if (event.source === null || event.source !== iframe.contentWindow) return;
      const message = frameMessageFromUntrusted(event.data);
      if (!message) return;
      if (message.type === "crux:ready") {
        bootScript.then((script) => {
          clearTimeout(timer);
          post({ type: "crux:boot", script });
          resolve({ iframe, post, runs });
        }, fail);
      } else if (message.type === "crux:event") {
        runs.get(message.runId)?.onEvent(message.event);
      } else {
        runs.get(message.runId)?.end(message.status);
      }
    }
    window.addEventListener("message", listen);
    frameListeners.set(iframe, listen);
    document.body.append(iframe);
  });
}

const frameListeners = new WeakMap<HTMLIFrameElement, (event: MessageEvent) => void>();

/** Takes the frame down: every run still in it ends as crashed. */
function removeFrame(iframe: HTMLIFrameElement, runs: Map<number, PendingRun>): void {
  const listen = frameListeners.get(iframe);
  if (listen) window.removeEventListener("message", listen);
  iframe.remove();
  for (const run of [...runs.values()]) run.end("crashed");
  runs.clear();
}

function frame(): Promise<RunnerFrame> {
  framePromise ??= createFrame().catch((error: unknown) => {
    framePromise = null;
    throw error;
  });
  return framePromise;
}

/** Loads the runner frame ahead of the first run, when the reader opens an editor. */
export function warmSandbox(): void {
  frame().catch(() => {
    // The first run retries and reports what went wrong.
  });
}

/**
 * Runs compiled scripts in a fresh worker. Events stream to `onEvent` as
 * they arrive; the watchdog ends the run after `timeoutMs`. Rejects only
 * when the sandbox frame cannot be started at all.
 */
export async function runInSandbox(
  start: Omit<WorkerStart, "limitMs">,
  options: SandboxRunOptions,
): Promise<SandboxRun> {
  const current = frame();
  const runner = await current;
  const runId = nextRunId++;
  const timeoutMs = options.timeoutMs ?? RUN_TIMEOUT_MS;
  let settle: (status: RunStatus) => void = () => {};
  const finished = new Promise<RunStatus>((resolve) => (settle = resolve));
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let grace: ReturnType<typeof setTimeout> | undefined;

  const end = (status: RunStatus): void => {
    if (!runner.runs.delete(runId)) return;
    clearTimeout(watchdog);
    clearTimeout(grace);
    settle(status);
  };
  const stop = (): void => {
    if (!runner.runs.has(runId)) return;
    runner.post({ type: "crux:stop", runId });
    grace ??= setTimeout(() => {
      // The frame did not answer: take it down; the next run starts a new one.
      if (framePromise === current) framePromise = null;
      end("timeout");
      removeFrame(runner.iframe, runner.runs);
    }, FRAME_GRACE_MS);
  };

  runner.runs.set(runId, { onEvent: options.onEvent, end });
  const limitMs = Math.max(0, timeoutMs - STOP_MARGIN_MS);
  const startedAt = performance.now();
  watchdog = setTimeout(stop, timeoutMs);
  runner.post({ type: "crux:run", runId, start: { ...start, limitMs }, timeoutMs: limitMs });
  return { startedAt, finished, stop };
}
