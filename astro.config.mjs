// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import preact from "@astrojs/preact";
import { fileURLToPath } from "node:url";

/**
 * BASE_PATH builds the site for hosting under a sub-path ("/guide/").
 * OUT_DIR lets the e2e suite build beside a reader's own `dist/`.
 */
function basePathFromEnv() {
  const raw = process.env.BASE_PATH ?? "/";
  const trimmed = raw.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

export default defineConfig({
  base: basePathFromEnv(),
  trailingSlash: "ignore",
  outDir: process.env.OUT_DIR ?? "./dist",
  // Preact with its React compatibility layer: islands keep React's API
  // while the runtime a reader downloads is about a tenth of react-dom's.
  integrations: [mdx(), preact({ compat: true })],
  markdown: {
    shikiConfig: { themes: { light: "github-light-high-contrast", dark: "github-dark-default" } },
  },
  build: { format: "directory" },
  vite: {
    resolve: {
      alias: { cost: fileURLToPath(new URL("./src/cost/index.ts", import.meta.url)) },
    },
    worker: { format: "es" },
  },
});
