// Builds the static site and its search index into OUT_DIR (default dist/),
// for hosting under BASE_PATH (default "/").
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { writeServiceWorker } from "./serviceWorker.mjs";
import { normalizeBase } from "./serve.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Page chrome inside the indexed lesson body that is not lesson text: the
 * buttons and hints of snippet cells, run status lines, quiz verdicts and
 * heading anchors. Without this, excerpts read "RunEditCopy" or "Not run
 * yet. Press Run…". The cells' markup belongs to their components, so the
 * build names them here rather than marking each with data-pagefind-ignore.
 */
export const SEARCH_IGNORED = [
  "button",
  "kbd",
  ".heading-anchor",
  ".notebook-hint",
  ".notebook-status",
  ".notebook-notices",
  ".quiz-verdict",
].join(", ");

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed with exit code ${result.status}`);
  }
}

/** Builds into `outDir` for `base`; used by `npm run build` and the e2e setup. */
export async function buildSite({
  base = process.env.BASE_PATH ?? "/",
  outDir = process.env.OUT_DIR ?? "dist",
} = {}) {
  const env = {
    ...process.env,
    BASE_PATH: base,
    OUT_DIR: outDir,
    ASTRO_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  run(process.execPath, ["node_modules/astro/bin/astro.mjs", "build"], env);
  run(
    process.execPath,
    [
      "node_modules/pagefind/lib/runner/bin.cjs",
      "--site",
      outDir,
      "--exclude-selectors",
      SEARCH_IGNORED,
    ],
    env,
  );
  const worker = await writeServiceWorker(
    join(root, outDir),
    normalizeBase(base),
    join(root, "scripts/sw-template.js"),
  );
  process.stdout.write(
    `service worker ${worker.version}: ${worker.eager} files at install, ${worker.lazy} after\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildSite();
}
