import type { TestProject } from "vitest/node";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { buildSite } from "../../scripts/build.mjs";
import { startServer } from "../../scripts/serve.mjs";

/** The sub-path every e2e run serves the site under, as a CDN might. */
export const E2E_BASE = "/crux/e2e-sub/path/";
export const OUT_DIR = "dist-e2e";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: Server | undefined;

export async function setup(project: TestProject): Promise<void> {
  // E2E_REUSE_BUILD=1 skips the build when iterating on tests alone.
  if (process.env.E2E_REUSE_BUILD !== "1" || !existsSync(OUT_DIR)) {
    await buildSite({ base: E2E_BASE, outDir: OUT_DIR });
  }
  const started = await startServer({ dir: OUT_DIR, base: E2E_BASE, port: 0 });
  server = started.server;
  project.provide("baseUrl", started.url);
}

export async function teardown(): Promise<void> {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
