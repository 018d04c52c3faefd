// Scrolling the 10 MB season (11,406 turns) in the release build, in headless Chromium: the
// transcript is dropped as a file, then scrolled by a fixed step every frame for 150 frames, at
// three speeds (100, 400 and 1,500 px a frame: a fast wheel, a fling, a drag of the scrollbar).
// Prints the frame intervals (median, 90th percentile, longest, how many over 20 ms), the
// longest task, and where the main thread's time went (from a trace), for each speed.
//   node bench/scroll.mjs [WIDTH]     (default 1280; the page is 800 px high)
import * as h from '../tests/e2e/harness.mjs';
import { generated } from './inputs.mjs';
import { sinceMark, traced } from './trace.mjs';

h.requireBuiltApp();
const width = Number(process.argv[2] || 1280);
const server = await h.startServer(h.DIST);
const browser = await h.launch();
const page = await h.newPage(browser, { width, height: 800 });
await h.openApp(page, server.url);
await h.dropFiles(page, null, [h.fileOf('season.md', 'text/markdown', generated(10))]);
await h.waitFor(page, () => document.querySelector('article.turn .sentence') && document.querySelector('#loading')?.hidden, undefined, { timeout: 60_000, what: 'the season shown with its sentences' });
await h.frames(page, 30);
const fixed = (x) => x.toFixed(1).padStart(5);
console.log(`${width}×800 page, 150 frames at each speed; frame intervals and the longest task in ms; main-thread time in ms over the 150 frames`);
console.log('px a frame  median    p90  longest  over 20 ms  longest task  script  style  layout  paint');
for (const step of [100, 400, 1500]) {
  await page.evaluate(() => { document.querySelector('#transcript').scrollTop = 0; });
  await h.frames(page, 20);
  const { result: frames, events } = await traced(page, () => page.evaluate(async (step) => {
    performance.mark('bench-scroll');
    const list = document.querySelector('#transcript');
    const intervals = [];
    let last = performance.now();
    for (let i = 0; i < 150; i++) {
      list.scrollTop += step;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      intervals.push(now - last);
      last = now;
    }
    return intervals;
  }, step));
  const mine = sinceMark(events, 'bench-scroll');
  const total = (name) => mine.filter((e) => e.name === name).reduce((sum, e) => sum + e.dur / 1000, 0);
  const longestTask = Math.max(...mine.filter((e) => e.name === 'RunTask').map((e) => e.dur / 1000));
  const sorted = frames.slice().sort((a, b) => a - b);
  const ms = (name) => total(name).toFixed(0);
  console.log(`${String(step).padStart(10)}  ${fixed(sorted[75])}  ${fixed(sorted[135])}  ${fixed(sorted.at(-1)).padStart(7)}  ${String(frames.filter((f) => f > 20).length).padStart(6)}/150  ${fixed(longestTask).padStart(12)}  ${ms('FunctionCall').padStart(6)}  ${ms('UpdateLayoutTree').padStart(5)}  ${ms('Layout').padStart(6)}  ${ms('Paint').padStart(5)}`);
}
await browser.close();
await server.close();
