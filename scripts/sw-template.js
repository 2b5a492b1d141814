// The Crux service worker: the guide, its notebooks and its search keep
// working offline after a first visit. Pages and the search index go to the
// network first, so a reader online never sees a stale page; hashed assets
// under _astro/ never change and are served from the cache first. The build
// prepends VERSION, BASE, EAGER (cached at install) and LAZY (big files and
// the search index, cached once active) to this file.
/* global VERSION, BASE, EAGER, LAZY */

const CACHE = `crux-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(EAGER))
      .then(() => self.skipWaiting()),
  );
});

async function cacheLazyFiles() {
  const cache = await caches.open(CACHE);
  for (const url of LAZY) {
    if (await cache.match(url)) continue;
    try {
      await cache.add(url);
    } catch {
      // Offline or interrupted: the file is cached when next fetched.
    }
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith("crux-") && name !== CACHE)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
  // Not awaited: activation must not wait for megabytes of editor and wasm.
  cacheLazyFiles();
});

function isImmutable(url) {
  return url.pathname.startsWith(`${BASE}_astro/`);
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    if (request.mode === "navigate") {
      // Not "no page at this address": offline, the worker cannot know that.
      const offline = await caches.match(`${BASE}offline/`);
      if (offline) {
        return new Response(await offline.blob(), {
          status: 503,
          statusText: "Offline",
          headers: offline.headers,
        });
      }
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!url.pathname.startsWith(BASE)) return;
  event.respondWith(isImmutable(url) ? cacheFirst(event.request) : networkFirst(event.request));
});
