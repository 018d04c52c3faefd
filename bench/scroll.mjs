// Scrolling the 10 MB season (11,406 turns) in the release build, in headless Chromium: the
// transcript is dropped as a file, then scrolled by a fixed step every frame for 150 frames, at
// three speeds (100, 400 and 1,500 px a frame: a fast wheel, a fling, a drag of the scrollbar).
// Prints the frame intervals (median, 90th percentile, longest, how many over 20 ms), the
// longest task, and where the main thread's time went (from a trace), for each speed.
//   node bench/scroll.mjs [WIDTH]     (default 1280; the page is 800 px high)
import * as h from '../tests/e2e/harness.mjs';
import { generated } from './inputs.mjs';

h.requireBuiltApp();
const width = Number(process.argv[2] || 1280);
const server = await h.startServer(h.DIST, { '/bench-input.md': generated(10) });
const browser = await h.launch();
const page = await h.newPage(browser, { width, height: 800 });
await h.openApp(page, server.url);
await page.evaluate(async () => {
  const file = new File([await (await fetch('/bench-input.md')).blob()], 'season.md');
  const dt = new DataTransfer();
  dt.items.add(file);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }
});
await h.waitFor(page, () => document.querySelector('article.turn .sentence') && document.querySelector('#loading')?.hidden, undefined, { timeout: 60_000, what: 'the season shown with its sentences' });
await h.frames(page, 30);
const cdp = await page.context().newCDPSession(page);
const fixed = (x) => x.toFixed(1).padStart(5);
console.log(`${width}×800 page, 150 frames at each speed; frame intervals and the longest task in ms; main-thread time in ms over the 150 frames`);
console.log('px a frame  median    p90  longest  over 20 ms  longest task  script  style  layout  paint');
for (const step of [100, 400, 1500]) {
  await page.evaluate(() => { document.querySelector('#transcript').scrollTop = 0; });
  await h.frames(page, 20);
  const events = [];
  const collect = (d) => events.push(...d.value);
  cdp.on('Tracing.dataCollected', collect);
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  const frames = await page.evaluate(async (step) => {
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
  }, step);
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  const mark = events.find((e) => e.name === 'bench-scroll');
  const mine = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ts >= mark.ts && e.dur !== undefined);
  const total = (name) => mine.filter((e) => e.name === name).reduce((sum, e) => sum + e.dur / 1000, 0);
  const longestTask = Math.max(...mine.filter((e) => e.name === 'RunTask').map((e) => e.dur / 1000));
  const sorted = frames.slice().sort((a, b) => a - b);
  const ms = (name) => total(name).toFixed(0);
  console.log(`${String(step).padStart(10)}  ${fixed(sorted[75])}  ${fixed(sorted[135])}  ${fixed(sorted.at(-1)).padStart(7)}  ${String(frames.filter((f) => f > 20).length).padStart(6)}/150  ${fixed(longestTask).padStart(12)}  ${ms('FunctionCall').padStart(6)}  ${ms('UpdateLayoutTree').padStart(5)}  ${ms('Layout').padStart(6)}  ${ms('Paint').padStart(5)}`);
}
await browser.close();
await server.close();
