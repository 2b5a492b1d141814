import { describe, expect, test, vi } from "vitest";

const initialize = vi.fn<(options: unknown) => Promise<void>>();

vi.mock("esbuild-wasm/esm/browser.js", () => ({ initialize, build: vi.fn(), transform: vi.fn() }));
vi.mock("esbuild-wasm/esbuild.wasm?url", () => ({ default: "/_astro/esbuild.wasm" }));

const { loadEsbuild } = await import("../../../src/notebook/esbuildLoader");

describe("loadEsbuild()", () => {
  test("a failed start is forgotten, so the next call starts esbuild again, once", async () => {
    initialize.mockRejectedValueOnce(new Error("the wasm did not load"));
    await expect(loadEsbuild()).rejects.toThrow("the wasm did not load");
    expect(initialize).toHaveBeenCalledTimes(1);

    initialize.mockResolvedValueOnce(undefined);
    const first = loadEsbuild();
    const second = loadEsbuild();
    await expect(first).resolves.toMatchObject({ initialize });
    await expect(second).resolves.toBe(await first);
    expect(initialize).toHaveBeenCalledTimes(2);
    expect(initialize).toHaveBeenLastCalledWith({ wasmURL: "/_astro/esbuild.wasm", worker: true });

    // Started once, it stays started: a second initialize would throw.
    await loadEsbuild();
    expect(initialize).toHaveBeenCalledTimes(2);
  });
});
