// Far jumps in the 10 MB season, as dragging the seek bar far does with Follow on: the turn at
// that time becomes current, and the view goes to it across rows that are not rendered. For each
// jump, from a trace of the release build (dist/) in headless Chromium: the time until the current
// turn is painted in view, the longest task, and the main thread's busy time in the 300 ms after.
//   node bench/jump.mjs [WIDTH] [JUMPS]      (default 1280 px wide, 8 jumps)
import * as h from '../tests/e2e/harness.mjs';
import { generated } from './inputs.mjs';
import { inside, median, traced } from './trace.mjs';

h.requireBuiltApp();
const width = Number(process.argv[2] || 1280);
const jumps = Number(process.argv[3] || 8);
const server = await h.startServer(h.DIST, { '/bench-input.md': generated(10) });
const browser = await h.launch();
const page = await h.newPage(browser, { width, height: 800 });
await h.openApp(page, server.url);
await h.dropFiles(page, 'body', [{ name: 'season.md', type: 'text/markdown', buffer: generated(10) }]);
await h.waitFor(page, () => document.querySelector('article.turn .sentence') && document.querySelector('#loading')?.hidden, undefined, { timeout: 60_000, what: 'the season shown, with its sentences' });
await h.frames(page, 30);

// Spread over the season, each far from the one before.
const fractions = [0.9, 0.1, 0.6, 0.3, 0.95, 0.05, 0.75, 0.45, 0.85, 0.2].slice(0, jumps);
const rows = [];
for (const [i, fraction] of fractions.entries()) {
  const { events, result: inView } = await traced(page, () =>
    page.evaluate(async ({ fraction, mark }) => {
      const seek = document.querySelector('#seek');
      performance.mark(mark);
      const t0 = performance.now();
      seek.value = String(Number(seek.max) * fraction);
      seek.dispatchEvent(new Event('input', { bubbles: true }));
      seek.dispatchEvent(new Event('change', { bubbles: true }));
      // Until the current turn is painted in view (checked each frame), then a moment more.
      const view = document.querySelector('#transcript');
      let at = null;
      while (performance.now() - t0 < 5000) {
        await new Promise((r) => requestAnimationFrame(r));
        const row = document.querySelector('article.turn[aria-current="true"]')?.getBoundingClientRect();
        const box = view.getBoundingClientRect();
        if (row && row.top >= box.top && row.top < box.bottom) {
          at = performance.now() - t0;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 300));
      return at;
    }, { fraction, mark: `jump-${i}` }),
  );
  const mark = events.find((e) => e.name === `jump-${i}`);
  const tasks = events.filter((e) => e.name === 'RunTask' && e.pid === mark.pid && e.tid === mark.tid && e.ts + e.dur >= mark.ts && e.ts <= mark.ts + 300_000);
  const longest = tasks.reduce((a, t) => (t.dur > a.dur ? t : a), { dur: 0 });
  const busy = tasks.reduce((a, t) => a + t.dur, 0) / 1000;
  const parts = longest.dur ? inside(events, longest, 3000).map((e) => `${e.name} ${(e.dur / 1000).toFixed(0)}`) : [];
  rows.push({ inView, longest: longest.dur / 1000, busy });
  console.log(
    `jump to ${String(fraction * 100).padStart(2)}%: in view after ${inView === null ? 'never' : `${inView.toFixed(0)} ms`}, ` +
      `longest task ${(longest.dur / 1000).toFixed(1)} ms (${parts.join(', ')}), busy ${busy.toFixed(0)} ms`,
  );
}
console.log(
  `median of ${rows.length}: in view after ${median(rows.map((r) => r.inView ?? Infinity)).toFixed(0)} ms, ` +
    `longest task ${median(rows.map((r) => r.longest)).toFixed(1)} ms, busy ${median(rows.map((r) => r.busy)).toFixed(0)} ms`,
);
await browser.close();
await server.close();
