// Builds the static site and its search index into OUT_DIR (default dist/),
// for hosting under BASE_PATH (default "/").
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { writeServiceWorker } from "./serviceWorker.mjs";
import { normalizeBase } from "./serve.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

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
  run(process.execPath, ["node_modules/pagefind/lib/runner/bin.cjs", "--site", outDir], env);
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
