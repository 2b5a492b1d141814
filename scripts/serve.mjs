// A small static server for the built site, serving `dist/` under the
// same base path it was built for (BASE_PATH), on 127.0.0.1 only.
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".pf_fragment": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pagefind": "application/octet-stream",
};

/** "/guide" or "guide/" → "/guide/"; "" → "/". */
export function normalizeBase(raw) {
  const trimmed = String(raw ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

async function fileFor(root, pathname) {
  const decoded = decodeURIComponent(pathname);
  const candidate = resolve(join(root, normalize(decoded)));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  const info = await stat(candidate).catch(() => null);
  if (info?.isFile()) return candidate;
  if (info?.isDirectory()) {
    const index = join(candidate, "index.html");
    if ((await stat(index).catch(() => null))?.isFile()) return index;
  }
  return null;
}

/**
 * Serves `dir` under `base`. Resolves to { server, url } once listening;
 * port 0 picks a free port.
 */
export function startServer({ dir = "dist", base = "/", port = 4321, host = "127.0.0.1" } = {}) {
  const root = resolve(dir);
  const prefix = normalizeBase(base);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === prefix.slice(0, -1)) {
      response.writeHead(301, { location: prefix });
      response.end();
      return;
    }
    let file = null;
    if (url.pathname.startsWith(prefix)) {
      try {
        file = await fileFor(root, url.pathname.slice(prefix.length - 1));
      } catch {
        file = null;
      }
    }
    if (file && !url.pathname.endsWith("/") && file.endsWith(`${sep}index.html`)) {
      response.writeHead(301, { location: `${url.pathname}/${url.search}` });
      response.end();
      return;
    }
    const status = file ? 200 : 404;
    file ??= join(root, "404.html");
    const type = contentTypes[extname(file)] ?? "application/octet-stream";
    const headers = { "content-type": type, "cache-control": "no-cache" };
    response.writeHead(status, headers);
    if (request.method === "HEAD") {
      response.end();
      return;
    }
    createReadStream(file)
      .on("error", () => response.end())
      .pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      resolvePromise({ server, url: `http://${host}:${actualPort}${prefix}` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4321);
  const { url } = await startServer({
    dir: process.env.OUT_DIR ?? "dist",
    base: process.env.BASE_PATH,
    port,
  });
  process.stdout.write(`Crux is served at ${url}\n`);
}
