// Takes the README's screenshot of a built site: `node scripts/screenshot.mjs
// <url> <file>`, served beforehand with `npm run serve`.
import { chromium } from "playwright-core";

const [url = "http://127.0.0.1:4321/", file = "docs/screenshot.png"] = process.argv.slice(2);
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
const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
await page.goto(url, { waitUntil: "networkidle" });
await page.screenshot({ path: file });
await browser.close();
