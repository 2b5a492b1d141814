// Takes the README's screenshot of a built site: `node scripts/screenshot.mjs
// <url> <file> [selector]`, served beforehand with `npm run serve`. With a
// selector, the page is scrolled so that element sits near the top once its
// island has hydrated.
import { chromium } from "playwright-core";

const [url = "http://127.0.0.1:4321/", file = "docs/screenshot.png", selector] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 1060 } });
await page.goto(url, { waitUntil: "networkidle" });
if (selector) {
  const target = page.locator(selector);
  await target.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (css) => !document.querySelector(css)?.closest("astro-island")?.hasAttribute("ssr"),
    selector,
  );
  await target.evaluate((node) => window.scrollBy(0, node.getBoundingClientRect().top - 24));
  await page.waitForTimeout(500);
}
await page.screenshot({ path: file });
await browser.close();
