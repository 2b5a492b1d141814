/**
 * One esbuild-wasm instance per page, served by the site itself. The
 * promise is kept so every caller shares one `initialize`; a failed one is
 * forgotten so the next call tries again (a second `initialize` would throw).
 */
import * as esbuild from "esbuild-wasm/esm/browser.js";
import wasmURL from "esbuild-wasm/esbuild.wasm?url";
import type { Esbuild } from "./compile";

let ready: Promise<Esbuild> | null = null;

/** esbuild, initialized; rejects with the reason when the wasm cannot load. */
export function loadEsbuild(): Promise<Esbuild> {
  ready ??= esbuild.initialize({ wasmURL, worker: true }).then(
    () => esbuild as Esbuild,
    (error: unknown) => {
      ready = null;
      throw error;
    },
  );
  return ready;
}
