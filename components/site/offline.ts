/**
 * Registers the service worker that keeps the guide readable offline, once
 * the page has loaded and the browser is idle. Only production builds have
 * a `sw.js`; a reader without service workers simply reads online.
 */
export function registerOfflineReading(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");
  const register = (): void => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
      // Private windows and some embedded browsers refuse: reading online still works.
    });
  };
  const whenIdle = (): void => {
    if ("requestIdleCallback" in window) window.requestIdleCallback(register, { timeout: 5000 });
    else setTimeout(register, 1000);
  };
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
}
