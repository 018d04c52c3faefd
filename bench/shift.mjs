// The layout shift of the example episode page as the embed arrives, summed as Lighthouse sums
// it (every `layout-shift` entry without recent input), at a desktop and a phone width: with the
// page's rule that keeps the element's room before its script runs (README, "Nothing below it
// moves"), and without it. Each shift is listed with what moved: the page's own elements by
// name, what is in a shadow tree (the element's insides, the page's audio player's controls), which the browser does not name, as such.
// Run: node bench/shift.mjs [RUNS]   (default 3; the release build in dist/, DIST= another)
import * as h from '../tests/e2e/harness.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { serveGzipped } from './host.mjs';

h.requireBuiltApp();
const runs = Number(process.argv[2] || 3);
const css = fs.readFileSync(path.join(h.REPO_ROOT, 'examples/episode.css'), 'utf8');
const withoutRule = css.replace(/^interlinear-transcript:not\(:defined\).*$/m, '');
if (withoutRule === css) throw new Error('examples/episode.css: the rule keeping the room was not found');
// The same page beside it, its stylesheet without the rule.
const page = fs.readFileSync(path.join(h.REPO_ROOT, 'examples/episode.html'), 'utf8');
const noRule = page.replace('href="episode.css"', 'href="no-rule.css"');
const server = await serveGzipped({
  '/examples/episode.wav': { type: 'audio/wav', body: h.makeWav(17 * 60) },
  '/examples/no-rule.css': { type: 'text/css', body: Buffer.from(withoutRule) },
  '/examples/no-rule.html': { type: 'text/html', body: Buffer.from(noRule) },
});
const browser = await h.launch();

async function shifts(width, height, rule) {
  const tab = await h.newPage(browser, { width, height });
  await tab.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        const what = e.sources.map((s) => (s.node ? s.node.nodeName.toLowerCase() + (s.node.id ? `#${s.node.id}` : '') : 'in a shadow tree'));
        window.shifts.push({ value: e.value, what: [...new Set(what)].join(' ') });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await tab.goto(`${server.url}/examples/${rule ? 'episode' : 'no-rule'}.html`);
  await h.waitFor(tab, () => document.querySelector('interlinear-transcript')?.shadowRoot?.querySelectorAll('article.turn').length > 0);
  await h.frames(tab, 60);
  const seen = await tab.evaluate(() => window.shifts);
  await tab.close();
  return seen;
}

for (const [width, height] of [[1280, 800], [412, 823]]) {
  for (const rule of [true, false]) {
    const totals = [];
    let parts = '';
    for (let i = 0; i < runs; i++) {
      const seen = await shifts(width, height, rule);
      totals.push(seen.reduce((sum, s) => sum + s.value, 0));
      parts = seen.map((s) => `${s.value.toFixed(4)} ${s.what}`).join(', ');
    }
    console.log(`${width} px, ${rule ? 'with' : 'without'} the page's rule: ${totals.map((t) => t.toFixed(4)).join(', ')}   (last: ${parts || 'none'})`);
  }
}
await browser.close();
await server.close();
