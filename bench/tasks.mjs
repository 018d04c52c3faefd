// The main thread's tasks while a transcript is dropped, read and shown, from a trace of the
// release build (dist/) in headless Chromium: every task longer than MIN_MS (default 15), with
// what is inside it, and the longest. Nothing else runs in the page meanwhile (bench/app.mjs
// watches the DOM while it measures, which lengthens tasks a little).
//   node bench/tasks.mjs [FILE] [MIN_MS]     (FILE: default the 10 MB season from gen.py)
import fs from 'node:fs';
import * as h from '../tests/e2e/harness.mjs';
import { generated } from './inputs.mjs';
import { inside, sinceMark, traced } from './trace.mjs';

h.requireBuiltApp();
const bytes = process.argv[2] ? fs.readFileSync(process.argv[2]) : generated(10);
const minMs = Number(process.argv[3] || 15);
const server = await h.startServer(h.DIST, { '/bench-input.md': bytes });
const browser = await h.launch();
const page = await h.newPage(browser);
await h.openApp(page, server.url);
await h.frames(page, 10);
await page.evaluate(async () => {
  window.__file = new File([await (await fetch('/bench-input.md')).blob()], 'season.md');
});
const { events } = await traced(page, () =>
  page.evaluate(async () => {
    performance.mark('bench-drop');
    const dt = new DataTransfer();
    dt.items.add(window.__file);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
    // Until the sentences are shown (the last of the work), and a moment more.
    const t0 = performance.now();
    while (!document.querySelector('article.turn .sentence') || !document.querySelector('#loading')?.hidden) {
      if (performance.now() - t0 > 60_000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500));
  }),
);
const mark = events.find((e) => e.name === 'bench-drop');
const tasks = sinceMark(events, 'bench-drop').filter((e) => e.name === 'RunTask');
for (const t of tasks.filter((t) => t.dur > minMs * 1000)) {
  const parts = inside(events, t, 2000).map((e) => `${e.name} ${(e.dur / 1000).toFixed(0)}`);
  console.log(`+${((t.ts - mark.ts) / 1000).toFixed(0).padStart(5)} ms  task ${(t.dur / 1000).toFixed(1).padStart(5)} ms  ${parts.join(', ')}`);
}
const longest = Math.max(...tasks.map((t) => t.dur / 1000));
console.log(`${tasks.length} tasks; longest ${longest.toFixed(1)} ms`);
await browser.close();
await server.close();
