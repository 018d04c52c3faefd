// The main thread's tasks as the app starts on a slow phone's CPU (4× slower, as Lighthouse's
// mobile audit assumes; the release build served with gzip, no network throttling): every task
// over 50 ms after the first paint, with what is inside it, and per run the longest task and
// Σ(task − 50 ms) — the blocking time that Lighthouse simulates, measured here instead.
//   node bench/start-tasks.mjs [RUNS] [PAGE]      (PAGE: default /, the app; or
//                                                    /examples/episode.html, the embed)
// NO_LAZY=1 starts Chromium with V8's lazy WebAssembly compilation off (a flag no page can set),
// to learn how much of the start is compiling functions as they are first called.
import * as h from '../tests/e2e/harness.mjs';
import { serveGzipped } from './host.mjs';
import { inside, median, traced } from './trace.mjs';

h.requireBuiltApp();
const runs = Number(process.argv[2] || 5);
const pagePath = process.argv[3] || '/';
if (process.env.NO_LAZY) h.CHROMIUM_ARGS.push('--js-flags=--no-wasm-lazy-compilation');
const server = await serveGzipped();
const browser = await h.launch();
const rowsShown = ([app, n]) =>
  (app ? document : document.querySelector('interlinear-transcript')?.shadowRoot)?.querySelectorAll('article.turn').length === n;
const summaries = [];
for (let run = 1; run <= runs; run++) {
  const page = await h.newPage(browser, { width: 412, height: 823 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const { events } = await traced(page, async () => {
    await page.goto(server.url + pagePath);
    await page.waitForFunction(rowsShown, [pagePath === '/', 13], { timeout: 30_000 });
    await page.waitForTimeout(1500);
  });
  const paint = events.find((e) => e.name === 'firstContentfulPaint');
  // Tasks of the page's main thread after its first paint; not the ones the test driver's own
  // script (evaluated in the page to wait for the rows) is most of.
  const evaluating = (t) =>
    inside(events, t)
      .filter((e) => e.name === 'EvaluateScript')
      .reduce((sum, e) => sum + e.dur, 0);
  const tasks = events.filter(
    (e) => e.name === 'RunTask' && e.pid === paint.pid && e.tid === paint.tid && e.ts >= paint.ts && evaluating(e) < e.dur / 2,
  );
  console.log(`run ${run}`);
  for (const t of tasks.filter((t) => t.dur > 50_000)) {
    const byName = {};
    for (const e of inside(events, t, 2000)) byName[e.name] = (byName[e.name] || 0) + e.dur / 1000;
    const top = Object.entries(byName).sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`  +${((t.ts - paint.ts) / 1000).toFixed(0).padStart(5)} ms  task ${(t.dur / 1000).toFixed(0).padStart(4)} ms  ${top.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  }
  const longest = Math.max(0, ...tasks.map((t) => t.dur / 1000));
  const blocking = tasks.reduce((sum, t) => sum + Math.max(0, t.dur / 1000 - 50), 0);
  summaries.push([longest, blocking]);
  console.log(`  longest ${longest.toFixed(0)} ms, Σ(task − 50 ms) ${blocking.toFixed(0)} ms`);
  await page.context().close();
}
console.log(
  `median of ${runs}: longest task ${median(summaries.map((s) => s[0])).toFixed(0)} ms, ` +
    `Σ(task − 50 ms) ${median(summaries.map((s) => s[1])).toFixed(0)} ms`,
);
await browser.close();
server.close();
