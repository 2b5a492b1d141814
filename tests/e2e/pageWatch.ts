import type { Page } from "playwright-core";

/** How the page kept up while a run went on. */
export interface Responsiveness {
  /** Animation frames painted. */
  frames: number;
  /** The longest wait between two painted frames, in milliseconds. */
  longestFrameGapMs: number;
  /** The longest the page took to answer one of the test's pings, in milliseconds. */
  longestPingMs: number;
}

/**
 * Starts watching the page: it records the gaps between its animation
 * frames, and the test pings it (an evaluate) every 100 ms. `stop` ends
 * both and says how the page kept up.
 */
export async function watchResponsiveness(
  page: Page,
): Promise<{ stop(): Promise<Responsiveness> }> {
  await page.evaluate(() => {
    const watch = { frames: 0, longest: 0, last: performance.now(), on: true };
    (window as unknown as { __cruxWatch: typeof watch }).__cruxWatch = watch;
    const tick = (time: number): void => {
      watch.frames += 1;
      watch.longest = Math.max(watch.longest, time - watch.last);
      watch.last = time;
      if (watch.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  let pinging = true;
  let longestPingMs = 0;
  const pings = (async (): Promise<void> => {
    while (pinging) {
      const sent = Date.now();
      await page.evaluate(() => 1);
      longestPingMs = Math.max(longestPingMs, Date.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop(): Promise<Responsiveness> {
      pinging = false;
      await pings;
      const seen = await page.evaluate(() => {
        const watch = (
          window as unknown as { __cruxWatch: { frames: number; longest: number; on: boolean } }
        ).__cruxWatch;
        watch.on = false;
        return { frames: watch.frames, longest: watch.longest };
      });
      return { frames: seen.frames, longestFrameGapMs: seen.longest, longestPingMs };
    },
  };
}
