// @ts-check
// The sandbox runner: lives in an opaque-origin frame, starts a fresh blob
// worker for each run of reader code, relays what the worker reports to the
// page, and terminates the worker when it finishes or overruns its time.
// Only the embedding page may command it; the worker talks to it over a
// private MessageChannel, so reader code cannot speak for the runner.
"use strict";

(function startRunner() {
  /** Messages relayed per run; a worker past this is cut off. */
  var MAX_EVENTS_PER_RUN = 20000;

  var host = window.parent;
  /** @type {string | null} */
  var bootUrl = null;
  /** @type {Worker | null} */
  var spare = null;
  /** @type {Map<number, { worker: Worker, port: MessagePort, timer: ReturnType<typeof setTimeout>, events: number }>} */
  var runs = new Map();

  /** @param {unknown} message */
  function tell(message) {
    host.postMessage(message, "*");
  }

  function startSpare() {
    if (!bootUrl) return;
    try {
      spare = new Worker(bootUrl, { name: "crux-snippet" });
    } catch (error) {
      spare = null;
    }
  }

  /**
   * @param {number} runId
   * @param {"done" | "timeout" | "crashed"} status
   */
  function end(runId, status) {
    var run = runs.get(runId);
    if (!run) return;
    runs.delete(runId);
    clearTimeout(run.timer);
    run.worker.terminate();
    run.port.close();
    tell({ type: "crux:end", runId: runId, status: status });
    // The next run's worker boots now, off the path of this one.
    if (!spare) startSpare();
  }

  /** @param {{ runId: number, start: unknown, timeoutMs: number }} message */
  function start(message) {
    var runId = message.runId;
    if (runs.has(runId)) return;
    var worker = spare;
    spare = null;
    if (!worker) {
      startSpare();
      worker = spare;
      spare = null;
    }
    if (!worker) {
      tell({ type: "crux:end", runId: runId, status: "crashed" });
      return;
    }
    var channel = new MessageChannel();
    var timer = setTimeout(function overran() {
      end(runId, "timeout");
    }, message.timeoutMs);
    var run = { worker: worker, port: channel.port1, timer: timer, events: 0 };
    runs.set(runId, run);
    channel.port1.onmessage = function relay(event) {
      run.events += 1;
      if (run.events > MAX_EVENTS_PER_RUN) {
        end(runId, "crashed");
        return;
      }
      tell({ type: "crux:event", runId: runId, event: event.data });
      if (event.data && event.data.kind === "done") end(runId, "done");
    };
    worker.onerror = function crashed(event) {
      // The worker's own listener reports reader code's errors; one that
      // reaches here broke the worker itself (its script, or its memory).
      event.preventDefault();
      var text = typeof event.message === "string" ? event.message.slice(0, 500) : "";
      if (text) {
        var error = { kind: "error", phase: "snippet", name: "", message: text, frames: [] };
        tell({ type: "crux:event", runId: runId, event: error });
      }
      end(runId, "crashed");
    };
    worker.postMessage(message.start, [channel.port2]);
  }

  window.addEventListener("message", function command(event) {
    if (event.source !== host) return;
    var message = event.data;
    if (!message || typeof message !== "object") return;
    if (message.type === "crux:boot" && !bootUrl && typeof message.script === "string") {
      // The boot script's top-level names stay out of the global scope
      // that reader code shares.
      var script = "(function () {\n" + message.script + "\n})();";
      bootUrl = URL.createObjectURL(new Blob([script], { type: "text/javascript" }));
      startSpare();
    } else if (message.type === "crux:run" && typeof message.runId === "number") {
      start(message);
    } else if (message.type === "crux:stop" && typeof message.runId === "number") {
      // The page's watchdog, or a newer run of the same snippet.
      end(message.runId, "timeout");
    }
  });

  tell({ type: "crux:ready" });
})();
